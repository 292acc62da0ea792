import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { cleanArticle, type RemovalReason } from '../src/ingest/clean.ts';
import { readStatedMetadata } from '../src/ingest/metadata.ts';

const corpusDir = new URL('../db/corpus/', import.meta.url);

function readArticle(prefix: string): { name: string; raw: string } {
  const name = readdirSync(corpusDir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!name) throw new Error(`no corpus file ${prefix}*.txt`);
  return { name, raw: readFileSync(new URL(name, corpusDir), 'utf8') };
}

type Expected = [line: number, reason: RemovalReason, text: string];

// What each corpus article must lose (1-based raw line, reason, trimmed text or prefix of it).
const EXPECTED: Record<string, Expected[]> = {
  '000': [[1, 'collector', 'date 2025-02-21'], [3, 'metadata', 'Xinhua) 10:23, February 21, 2025']],
  '001': [
    [1, 'spam', '免费av毛片,日韩av高清在线播放'],
    [3, 'navigation', 'Global EditionASIA 中文雙語Fran?ais'],
    [4, 'navigation', 'Business'],
    [5, 'navigation', 'Home / Business / Industries'],
    [11, 'metadata', 'Updated: 2025-09-18 09:29'], // the rest of the line, the byline, stays
    [12, 'share', 'Share'],
    [13, 'share', 'Share - WeChat'],
    [92, 'chrome', 'Top'],
    [93, 'chrome', 'BACK TO THE TOP'],
    [94, 'navigation', 'English'],
    [95, 'footer', 'Copyright 1995 - . All rights reserved.'],
    [96, 'footer', 'License for publishing multimedia online 0108263'],
    [98, 'footer', 'Registration Number: 130349'],
    [99, 'chrome', 'FOLLOW US'],
    [100, 'chrome', 'CLOSE'],
  ],
  '002': [[15, 'footer', 'The Diplomatic Insight is a digital and print magazine']],
  '003': [[17, 'metadata', 'Contact the writers at wanghaoran@chinadaily.com.cn.']],
  '004': [
    [2, 'metadata', 'Seetao 2022-10-31 11:04'],
    [5, 'chrome', 'Reading this article requires'],
    [6, 'chrome', '13 Minute'],
    [40, 'metadata', 'Editor/Xu Shengpeng'], // after the last sentence, which stays
    [43, 'related', 'Related articles'],
    [46, 'related', 'Sign! China can build the first foreign aid project in Central Asia'],
    [50, 'related', 'Canada ushered in a number of energy storage projects'],
    [54, 'related', 'Egypt signs $33 billion green ammonia deal with energy giant'],
    [58, 'related', 'Indonesia will vigorously develop clean hydrogen projects'],
    [62, 'related', "363GW! Japan's renewable energy capacity needs to triple by 2035"],
    [66, 'related', 'SANY OFFSHORE and Saudi Global Ports enter strategic cooperation'],
    [70, 'login', 'Retrieve password'],
    [72, 'login', 'Get verification code'],
  ],
};

// Lines that must survive, checked explicitly because they look most like chrome.
const MUST_KEEP: Record<string, string[]> = {
  '000': [
    'Expats start new careers in NW China as trade with Kazakhstan grows',
  ],
  '001': [
    'Khorgos expands role as major trade hub',
    'Rising workforce, mutual visa-free policies and logistical innovations elevate business opportunities to new heights',
    'By Ren Qi | China Daily',
    "Ferrywoman Gao Yun has the car's QR code scanned for Customs clearance at an inspection site at the Khorgos land port in the Xinjiang Uygur autonomous region on June 11.\u00a0CHEN SHUO/XINHUA",
  ],
  '002': ['Kazakhstan-China Partnership'],
  '003': [
    'Notes of accord echo through time',
    'Reaping rewards',
    'Fang Aiqing and Shao Xinying contributed to this story.',
  ],
  '004': [
    'The third cross-border railway between China and Kazakhstan has been confirmed',
    '• The cross-border railway in China is located at Bhaktu port in Tacheng, Xinjiang Province',
    '• The construction of the cross-border railway between China and Kazakhstan will maximize the trade and investment output of the two countries',
    'Kazakhstan-china relations will further develop after the 20th National Congress',
    'Plan for the Construction and Development of China-Europe Freight Trains (2016-2020) Map of the China-Europe Railway Link',
  ],
};

function checkBodyShape(body: string): void {
  const lines = body.split('\n');
  expect(lines[0]).not.toBe('');
  expect(lines[lines.length - 1]).not.toBe('');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    expect(l).toBe(l.trim());
    if (i > 0) expect(l === '' && lines[i - 1] === '').toBe(false);
  }
}

describe('cleanArticle on the corpus', () => {
  for (const id of Object.keys(EXPECTED)) {
    describe(`article ${id}`, () => {
      const { raw } = readArticle(id);
      const result = cleanArticle(raw);
      const expected = EXPECTED[id] ?? [];
      const rawLines = raw.split('\n');

      it('removes exactly the chrome lines, with the right reasons', () => {
        expect(result.removed.map((r) => [r.line, r.reason])).toEqual(expected.map(([l, r]) => [l, r]));
        for (const [line, , text] of expected) {
          const r = result.removed.find((x) => x.line === line);
          expect(r?.text.startsWith(text)).toBe(true);
        }
      });

      it('keeps every other non-blank raw line verbatim and in order', () => {
        // A credit or date cut off the end of a line that stays (a byline, a last paragraph).
        const cutFromEnd = new Map(
          result.removed
            .filter((r) => r.reason === 'metadata' && (rawLines[r.line - 1] ?? '').trim() !== r.text)
            .map((r) => [r.line, r.text]),
        );
        const removedWhole = new Set(
          expected.filter(([line, reason]) => reason !== 'collector' && !cutFromEnd.has(line)).map(([line]) => line),
        );
        const kept: string[] = [];
        rawLines.forEach((l, i) => {
          let t = l.trim();
          if (i === 0 && expected.some(([line, reason]) => line === 1 && reason === 'collector')) {
            t = t.replace(/^date \d{4}-\d{2}-\d{2}\s+/, '');
          }
          const cut = cutFromEnd.get(i + 1);
          if (cut !== undefined) {
            expect(t.endsWith(cut)).toBe(true);
            t = t.slice(0, t.length - cut.length).replace(/\s*[|·•]?\s*$/u, '');
          }
          if (t !== '' && !removedWhole.has(i + 1)) kept.push(t);
        });
        const bodyLines = result.body.split('\n');
        for (const k of kept) expect(bodyLines).toContain(k);
        expect(bodyLines.filter((l) => l !== '')).toEqual(kept);
      });

      it('keeps the lines that look most like chrome', () => {
        const bodyLines = result.body.split('\n');
        for (const k of MUST_KEEP[id] ?? []) expect(bodyLines).toContain(k);
      });

      it('never loses a removed chrome line into the body', () => {
        const bodyLines = new Set(result.body.split('\n'));
        for (const r of result.removed) if (r.reason !== 'collector') expect(bodyLines.has(r.text)).toBe(false);
      });

      it('normalises whitespace only', () => {
        checkBodyShape(result.body);
      });
    });
  }

  it('keeps quotes from raw paragraph lines as exact substrings of the body', () => {
    const { raw } = readArticle('004');
    const body = cleanArticle(raw).body;
    expect(body).toContain('developing friendly relations with Russia is given high priority.');
    expect(body).not.toContain('Editor/Xu Shengpeng');
    const r001 = cleanArticle(readArticle('001').raw).body;
    expect(r001).toContain('A new kind of caravan now departs daily — lines of gleaming');
    const r002 = cleanArticle(readArticle('002').raw).body;
    expect(r002).toContain('China remains Kazakhstan’s largest trading partner, with bilateral trade exceeding $43.8 billion in 2024.');
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic inputs, one block per rule.

const PARA_A =
  'Trade between the two countries grew quickly last year, officials said on Monday, citing customs data.';
const PARA_B = 'The new terminal handled 5,000 containers in its first month of operation.';

function reasonsOf(raw: string): Array<[number, RemovalReason]> {
  return cleanArticle(raw).removed.map((r) => [r.line, r.reason]);
}

describe('spam rule', () => {
  it('removes a CJK adult keyword soup line in an English article', () => {
    const raw = `免费av毛片,日韩av高清在线播放,欧美成人免费\n\n${PARA_A}\n\n${PARA_B}`;
    expect(reasonsOf(raw)).toEqual([[1, 'spam']]);
    expect(cleanArticle(raw).body).toBe(`${PARA_A}\n\n${PARA_B}`);
  });

  it('removes a comma-separated CJK keyword soup even without adult terms', () => {
    const raw = `${PARA_A}\n网上购物,便宜机票,减肥产品,手机游戏下载\n${PARA_B}`;
    expect(reasonsOf(raw)).toEqual([[2, 'spam']]);
  });

  it('keeps a Chinese quotation sentence inside an English article', () => {
    const raw = `${PARA_A}\n“一带一路”倡议为两国带来了新的发展机遇，双方合作不断深化。\n${PARA_B}`;
    expect(reasonsOf(raw)).toEqual([]);
  });

  it('keeps a comma list in a Chinese-language article', () => {
    const raw = '中亚五国包括：\n哈萨克斯坦,乌兹别克斯坦,吉尔吉斯斯坦,塔吉克斯坦,土库曼斯坦\n这些国家与中国的贸易不断增长。';
    expect(reasonsOf(raw)).toEqual([]);
  });

  it('keeps an English paragraph mentioning AV equipment', () => {
    const raw = `${PARA_A}\nExports of AV equipment, cameras, phones and laptops rose.`;
    expect(reasonsOf(raw)).toEqual([]);
  });
});

describe('navigation rule', () => {
  it('removes the edition switcher, breadcrumb and a section label next to them', () => {
    const raw = `Global EditionASIA 中文雙語Français\nBusiness\nHome / Business / Industries\n\nHeadline here\n\n${PARA_A}`;
    expect(reasonsOf(raw)).toEqual([
      [1, 'navigation'],
      [2, 'navigation'],
      [3, 'navigation'],
    ]);
    expect(cleanArticle(raw).body).toBe(`Headline here\n\n${PARA_A}`);
  });

  it('removes a lone language link', () => {
    expect(reasonsOf(`${PARA_A}\nEnglish\n${PARA_B}`)).toEqual([[2, 'navigation']]);
  });

  it('keeps a section-like subheading that is not next to navigation', () => {
    const raw = `${PARA_A}\n\nBusiness\n\n${PARA_B}`;
    expect(reasonsOf(raw)).toEqual([]);
  });

  it('keeps paragraphs that merely mention Business, Home or the Global Edition', () => {
    const raw = [
      'Business is booming at the border, traders said.',
      'Home / away fans travelled by train, the club said.',
      'The Global Edition of the newspaper carried the interview on its front page.',
      'English is widely spoken among the younger traders.',
    ].join('\n');
    expect(reasonsOf(raw)).toEqual([]);
  });
});

describe('share rule', () => {
  it('removes share buttons', () => {
    const raw = `${PARA_A}\nShare\nShare - WeChat\nShare on Facebook\nShare this article\n${PARA_B}`;
    expect(reasonsOf(raw)).toEqual([
      [2, 'share'],
      [3, 'share'],
      [4, 'share'],
      [5, 'share'],
    ]);
  });

  it('keeps paragraphs containing "Share"', () => {
    const raw = [
      'Share prices of logistics firms rose 3 percent on Monday.',
      'Both sides agreed to Share data on cargo flows, he said.',
      'Shareholders approved the plan.',
    ].join('\n');
    expect(reasonsOf(raw)).toEqual([]);
  });
});

describe('chrome rule', () => {
  it('removes back-to-top, follow and close widgets', () => {
    const raw = `${PARA_A}\nTop\nBACK TO THE TOP\nFOLLOW US\nCLOSE`;
    expect(reasonsOf(raw)).toEqual([
      [2, 'chrome'],
      [3, 'chrome'],
      [4, 'chrome'],
      [5, 'chrome'],
    ]);
    expect(cleanArticle(raw).body).toBe(PARA_A);
  });

  it('removes the reading-time badge', () => {
    const raw = `Headline\nReading this article requires\n13 Minute\n\n${PARA_A}\n5 min read`;
    expect(reasonsOf(raw)).toEqual([
      [2, 'chrome'],
      [3, 'chrome'],
      [6, 'chrome'],
    ]);
  });

  it('keeps "N Minute" without the reading prompt and paragraphs starting with Top', () => {
    const raw = `Top officials from both countries met in Astana.\n90 Minutes\n${PARA_A}\nClose cooperation continues.`;
    expect(reasonsOf(raw)).toEqual([]);
  });
});

describe('footer rule', () => {
  it('removes copyright, licence and registration lines', () => {
    const raw = [
      PARA_A,
      'Copyright 1995 - . All rights reserved. The content published in this site belongs to China Daily.',
      '© 2025 Xinhua News Agency',
      'License for publishing multimedia online 0108263',
      'Registration Number: 130349',
    ].join('\n');
    expect(reasonsOf(raw)).toEqual([
      [2, 'footer'],
      [3, 'footer'],
      [4, 'footer'],
      [5, 'footer'],
    ]);
  });

  it('keeps paragraphs that mention copyright', () => {
    const raw = [
      'The ministry said Copyright 2024 rules were discussed at the meeting.',
      'Copyright protection for Kazakh films was part of the deal, officials said.',
      PARA_B,
    ].join('\n');
    expect(reasonsOf(raw)).toEqual([]);
  });

  it('removes a publisher self-description only as the last line', () => {
    const blurb = 'The Diplomatic Insight is a digital and print magazine focusing on diplomacy since 2009.';
    expect(reasonsOf(`${PARA_A}\n${PARA_B}\n${blurb}`)).toEqual([[3, 'footer']]);
    expect(reasonsOf(`${PARA_A}\n${blurb}\n${PARA_B}`)).toEqual([]);
    expect(reasonsOf(`${PARA_A}\n${blurb}\nFOLLOW US\n`)).toEqual([
      [2, 'footer'],
      [3, 'chrome'],
    ]);
  });
});

describe('related rule', () => {
  it('removes the heading and the headline list up to the end, leaving login lines to their rule', () => {
    const raw = `${PARA_A}\n\n\nRelated articles\n\n\nSign! China builds a port\n\n\nCanada ushers in storage projects\n\nRetrieve password\n\nGet verification code`;
    expect(reasonsOf(raw)).toEqual([
      [4, 'related'],
      [7, 'related'],
      [10, 'related'],
      [12, 'login'],
      [14, 'login'],
    ]);
    expect(cleanArticle(raw).body).toBe(PARA_A);
  });

  it('stops at a real paragraph', () => {
    const raw = `${PARA_A}\nRelated stories:\nEgypt signs $33 billion green ammonia deal\n${PARA_B}`;
    expect(reasonsOf(raw)).toEqual([
      [2, 'related'],
      [3, 'related'],
    ]);
    expect(cleanArticle(raw).body).toBe(`${PARA_A}\n${PARA_B}`);
  });

  it('keeps a paragraph that mentions related articles', () => {
    expect(reasonsOf(`${PARA_A}\nRelated articles were published by Xinhua on Monday.`)).toEqual([]);
  });
});

describe('login rule', () => {
  it('removes login-form text', () => {
    expect(reasonsOf(`${PARA_A}\nRetrieve password\nGet verification code\nSign in`)).toEqual([
      [2, 'login'],
      [3, 'login'],
      [4, 'login'],
    ]);
  });

  it('keeps a paragraph about passwords', () => {
    expect(reasonsOf('Users must retrieve password reset codes by SMS, the bank said.')).toEqual([]);
  });
});

describe('collector prefix', () => {
  it('strips " date YYYY-MM-DD " from the first line and keeps the headline', () => {
    const r = cleanArticle(` date 2025-02-21 Expats start new careers\n\n${PARA_A}`);
    expect(r.body).toBe(`Expats start new careers\n\n${PARA_A}`);
    expect(r.removed).toEqual([{ line: 1, text: 'date 2025-02-21', reason: 'collector' }]);
  });

  it('only touches the first line', () => {
    const raw = `Headline\ndate 2025-02-21 is when the terminal opened, officials said.`;
    expect(cleanArticle(raw).body).toBe(raw);
  });

  it('drops a first line that is only the prefix', () => {
    expect(reasonsOf(` date 2025-02-21 \n${PARA_A}`)).toEqual([[1, 'collector']]);
  });
});

describe('whitespace', () => {
  it('collapses blank-line runs, trims line ends and drops leading/trailing blanks', () => {
    const raw = `\n\n  Headline   \n\n\n\n${PARA_A}  \n \n\t\n${PARA_B}\n\n\n`;
    const r = cleanArticle(raw);
    expect(r.body).toBe(`Headline\n\n${PARA_A}\n\n${PARA_B}`);
    expect(r.removed).toEqual([]);
  });

  it('handles CRLF line endings', () => {
    expect(cleanArticle(`Headline\r\n\r\n${PARA_A}\r\nShare\r\n`).body).toBe(`Headline\n\n${PARA_A}`);
  });

  it('leaves an English article without chrome unchanged except whitespace', () => {
    const raw = `Headline about the corridor\nBy A Reporter | Our Newspaper\n\n${PARA_A}\n\n"We will Share the Top results," he said.\n\n${PARA_B}`;
    const r = cleanArticle(raw);
    expect(r.removed).toEqual([]);
    expect(r.body).toBe(raw);
  });

  it('returns an empty body for empty input', () => {
    expect(cleanArticle('')).toEqual({ body: '', removed: [], captions: [] });
    expect(cleanArticle('\n \n')).toEqual({ body: '', removed: [], captions: [] });
  });
});

describe('page metadata rule', () => {
  it('takes a date line near the top out of the body, with a source or labels around the date', () => {
    for (const line of ['Posted: 3 March 2024 08:15', 'AsiaWire 2023-07-04 16:20', '(Reuters) 9:05, June 2, 2024', 'Updated 2024/05/06']) {
      const raw = `Ports grow along the corridor\n${line}\n\n${PARA_A}\n\n${PARA_B}`;
      expect(reasonsOf(raw), line).toEqual([[2, 'metadata']]);
      expect(cleanArticle(raw).body).toBe(`Ports grow along the corridor\n\n${PARA_A}\n\n${PARA_B}`);
    }
  });

  it('keeps a sentence or a dateline paragraph that states a date, and a date line far below the top', () => {
    const sentence = 'The fair opens on May 2, 2025.';
    const dateline = 'ALMATY, May 2, 2025 (Wire) -- Freight through the border crossing rose again this spring, officials said on Friday.';
    expect(reasonsOf(`Headline about the corridor\n${sentence}\n${dateline}`)).toEqual([]);
    const deep = Array.from({ length: 9 }, (_, i) => `Paragraph ${i + 1} of the story goes on about trade.`).join('\n');
    expect(reasonsOf(`${deep}\nWire 2024-01-02 10:00`)).toEqual([]);
  });

  it('cuts a date after a byline and keeps the byline', () => {
    const raw = `Ports grow along the corridor\nBy Jane Doe and John Roe | The Daily Wire | Updated: 2024-03-05 10:12\n\n${PARA_A}`;
    const r = cleanArticle(raw);
    expect(r.removed).toEqual([{ line: 2, text: 'Updated: 2024-03-05 10:12', reason: 'metadata' }]);
    expect(r.body).toBe(`Ports grow along the corridor\nBy Jane Doe and John Roe | The Daily Wire\n\n${PARA_A}`);
  });

  it('takes contact credits with an address out anywhere, not a sentence about contact', () => {
    const raw = `${PARA_A}\nContact the reporter at jane.doe@example.com\n${PARA_B}\nEmail the writers at desk@news.example.org.`;
    expect(reasonsOf(raw)).toEqual([[2, 'metadata'], [4, 'metadata']]);
    expect(reasonsOf(`${PARA_A}\nContact between the two delegations was frequent, said info@example.com staff.`)).toEqual([]);
  });

  it('takes an editor credit off the end of the article, alone or after the last sentence', () => {
    expect(cleanArticle(`${PARA_A}\n${PARA_B}\nEditor: Wang Hua`).body).toBe(`${PARA_A}\n${PARA_B}`);
    const r = cleanArticle(`${PARA_A}\n${PARA_B} (Edited by Jane Doe)`);
    expect(r.body).toBe(`${PARA_A}\n${PARA_B}`);
    expect(r.removed).toEqual([{ line: 2, text: '(Edited by Jane Doe)', reason: 'metadata' }]);
    // Mid-text, or words that only look like a credit, stay.
    expect(reasonsOf(`Editor: Wang Hua\n${PARA_A}\n${PARA_B}`)).toEqual([]);
    expect(cleanArticle(`${PARA_A}\nThe editor/publisher of the paper said little`).removed).toEqual([]);
  });
});

describe('metadata taken out of the body is still read as metadata', () => {
  it('reads the date from a removed date line and after a byline', () => {
    const raw = `Ports grow along the corridor\nAsiaWire 2023-07-04 16:20\n\n${PARA_A}`;
    expect(readStatedMetadata(raw, cleanArticle(raw).body)).toMatchObject({ title: 'Ports grow along the corridor', publishedOn: '2023-07-04' });
    const bylined = `Ports grow along the corridor\nBy Jane Doe | The Daily Wire | Updated: 2024-03-05 10:12\n\n${PARA_A}`;
    expect(readStatedMetadata(bylined, cleanArticle(bylined).body)).toMatchObject({ byline: 'Jane Doe', publishedOn: '2024-03-05' });
  });
});
