// npm run eval:extract: runs figure extraction on the five corpus articles as if they were new (their
// curated claims hidden) and measures it against the curated data, per article and overall:
// precision and recall of candidate figures, of hedges and of resolved periods among matched
// figures, and recall of entity mentions. Prints the misses and the false positives.
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { normalizeName } from '../src/domain/vocabulary.ts';
import { planCorpus, readCorpusFiles, type CorpusPlan, type PlannedClaim } from '../src/ingest/corpus.ts';
import type { FoundFigure, KnownAlias } from '../src/ingest/extraction.ts';
import { extractFigures } from '../src/ingest/figures.ts';
import { createMentionMatcher, proposeCandidateEntities } from '../src/ingest/mentions.ts';

const CORPUS = fileURLToPath(new URL('../db/corpus/', import.meta.url));

const MATCH_RULE =
  'A candidate matches a curated claim cited in the same article when value (to 6 significant digits), unit and ' +
  'quote agree; the quote agrees when the candidate\'s figure span lies inside the curated quote, or else when ' +
  'the two quotes overlap. Matching is one to one, figure-inside pairs first. A date claim (unit date) has no ' +
  'value: unit and quote decide. Hedges and periods are scored among matched figures: precision over candidates ' +
  'that state one (a hedge other than exact; a period with a start or an end), recall over curated claims that ' +
  'state one; a period agrees when start and end are equal.';

interface Target {
  claim: PlannedClaim;
  quoteStart: number;
  quoteEnd: number;
}

interface Tally {
  curated: number;
  candidates: number;
  matched: number;
  hedgeStated: number;
  hedgeStatedRight: number;
  hedgeCurated: number;
  hedgeCuratedFound: number;
  periodStated: number;
  periodStatedRight: number;
  periodCurated: number;
  periodCuratedFound: number;
  entities: number;
  entitiesFound: number;
  entitiesFoundAsNew: number;
}

const emptyTally = (): Tally => ({
  curated: 0, candidates: 0, matched: 0, hedgeStated: 0, hedgeStatedRight: 0, hedgeCurated: 0, hedgeCuratedFound: 0,
  periodStated: 0, periodStatedRight: 0, periodCurated: 0, periodCuratedFound: 0, entities: 0, entitiesFound: 0,
  entitiesFoundAsNew: 0,
});

function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Number(a.toPrecision(6)) === Number(b.toPrecision(6));
}

/** One-to-one matches of candidates to curated citations: figure-inside pairs first, then overlapping quotes. */
function match(candidates: FoundFigure[], targets: Target[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const usedTargets = new Set<number>();
  for (const pass of ['inside', 'overlap'] as const) {
    candidates.forEach((candidate, c) => {
      if (pairs.has(c)) return;
      let best = -1;
      let bestDistance = Infinity;
      targets.forEach((target, t) => {
        if (usedTargets.has(t)) return;
        if (candidate.unit !== target.claim.unit || !sameValue(candidate.value, target.claim.value)) return;
        const inside = candidate.figure.start >= target.quoteStart && candidate.figure.end <= target.quoteEnd;
        const overlap = candidate.quote.start < target.quoteEnd && target.quoteStart < candidate.quote.end;
        if (pass === 'inside' ? !inside : !overlap) return;
        const distance = Math.abs(candidate.figure.start - target.quoteStart);
        if (distance < bestDistance) {
          best = t;
          bestDistance = distance;
        }
      });
      if (best >= 0) {
        pairs.set(c, best);
        usedTargets.add(best);
      }
    });
  }
  return pairs;
}

/** Known aliases: the name and aliases of every entity (or of those `only` lists), numbered by slug. */
function knownAliases(plan: CorpusPlan, only?: ReadonlySet<string>): { aliases: KnownAlias[]; slugOf: Map<number, string> } {
  const aliases: KnownAlias[] = [];
  const slugOf = new Map<number, string>();
  plan.entities.forEach((entity, index) => {
    const entityId = index + 1;
    slugOf.set(entityId, entity.slug);
    if (only && !only.has(entity.slug)) return;
    for (const alias of new Set([entity.name, ...entity.aliases])) aliases.push({ entityId, alias });
  });
  return { aliases, slugOf };
}

/** The slugs each curated file lists under entities. */
function entitiesByFile(files: Array<{ sourceKey: string; yaml: string }>): Map<string, Set<string>> {
  return new Map(files.map((file) => {
    const data = parseYaml(file.yaml) as { entities?: Array<{ slug?: string }> } | null;
    return [file.sourceKey, new Set((data?.entities ?? []).map((e) => e.slug).filter((slug): slug is string => typeof slug === 'string'))];
  }));
}

const ratio = (n: number, d: number) => (d === 0 ? '  -  ' : (n / d).toFixed(2).padStart(5));
const short = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function describe(value: number | null, unit: string, hedge: string): string {
  return `${hedge === 'exact' ? '' : `${hedge} `}${value === null ? '' : value} ${unit}`.trim();
}

async function main(): Promise<void> {
  const files = await readCorpusFiles(CORPUS);
  const plan = planCorpus(files);
  const { aliases, slugOf } = knownAliases(plan);
  const matcher = createMentionMatcher(aliases);
  const listed = entitiesByFile(files);
  const namesOf = new Map(plan.entities.map((e) => [e.slug, new Set([e.name, ...e.aliases].map(normalizeName))]));

  const rows: Array<[string, Tally]> = [];
  const total = emptyTally();
  const misses: string[] = [];
  const falsePositives: string[] = [];
  const disagreements: string[] = [];
  const entityMisses: string[] = [];
  const started = performance.now();

  for (const article of plan.articles) {
    const key = article.sourceKey;
    const cited = (citations: Array<{ sourceKey: string }>) => citations.some((c) => c.sourceKey === key);
    const targets: Target[] = plan.claims.flatMap((claim) =>
      claim.citations.filter((c) => c.sourceKey === key).map((c) => ({ claim, quoteStart: c.startOffset, quoteEnd: c.endOffset })),
    );
    // Metric keys "already in use": those of the other articles' claims.
    const knownMetrics = [...new Set(plan.claims.filter((c) => !cited(c.citations)).map((c) => c.metric))];
    // Mentions as ingest finds them: known entities (every curated alias), then candidate entities.
    const known = matcher.find(article.body);
    const proposed = proposeCandidateEntities(article.body, known);
    const mentions = [...known, ...proposed.mentions].sort((a, b) => a.start - b.start);
    const candidates = extractFigures(article.body, { publishedOn: article.publishedOn, mentions, knownMetrics });
    const pairs = match(candidates, targets);

    const tally = emptyTally();
    tally.curated = targets.length;
    tally.candidates = candidates.length;
    tally.matched = pairs.size;
    for (const [c, t] of pairs) {
      const candidate = candidates[c]!;
      const { claim } = targets[t]!;
      if (candidate.hedge !== 'exact') {
        tally.hedgeStated++;
        if (candidate.hedge === claim.hedge) tally.hedgeStatedRight++;
      }
      if (claim.hedge !== 'exact') {
        tally.hedgeCurated++;
        if (candidate.hedge === claim.hedge) tally.hedgeCuratedFound++;
      }
      const found = candidate.period;
      const right = (found?.start ?? null) === claim.periodStart && (found?.end ?? null) === claim.periodEnd;
      if (found && (found.start !== null || found.end !== null)) {
        tally.periodStated++;
        if (right) tally.periodStatedRight++;
      }
      if (claim.periodStart !== null || claim.periodEnd !== null) {
        tally.periodCurated++;
        if (right) tally.periodCuratedFound++;
      }
      if (candidate.hedge !== claim.hedge || !right) {
        disagreements.push(
          `  ${key}  "${short(candidate.figure.text, 30)}": hedge ${candidate.hedge} (curated ${claim.hedge}), period ` +
          `${found?.start ?? '-'}..${found?.end ?? '-'} (curated ${claim.periodStart ?? '-'}..${claim.periodEnd ?? '-'})`,
        );
      }
    }
    const matchedTargets = new Set(pairs.values());
    targets.forEach((target, t) => {
      if (!matchedTargets.has(t)) {
        misses.push(`  ${key}  ${describe(target.claim.value, target.claim.unit, target.claim.hedge)} [${target.claim.metric}]: "${short(Array.from(article.body).slice(target.quoteStart, target.quoteEnd).join(''))}"`);
      }
    });
    candidates.forEach((candidate, c) => {
      if (!pairs.has(c)) {
        falsePositives.push(`  ${key}  ${describe(candidate.value, candidate.unit === 'other' ? `other(${candidate.unitText})` : candidate.unit, candidate.hedge)} [${candidate.metric}] "${candidate.figure.text}": "${short(candidate.quote.text)}"`);
      }
    });

    // Entity mentions: the entities the curated data cites in this article (claim subjects, relation ends).
    const citedEntities = new Set<string>();
    for (const claim of plan.claims) if (cited(claim.citations)) for (const s of claim.subjects) citedEntities.add(s.slug);
    for (const relation of plan.relations) {
      if (cited(relation.citations)) {
        citedEntities.add(relation.subject);
        citedEntities.add(relation.object);
      }
    }
    const mentioned = new Set(known.map((m) => ('entityId' in m.entity ? slugOf.get(m.entity.entityId) : undefined)));
    tally.entities = citedEntities.size;
    tally.entitiesFound = [...citedEntities].filter((slug) => mentioned.has(slug)).length;
    // As if new: only the entities the other articles list are known; the rest must be proposed as
    // candidates under one of their curated names.
    const elsewhere = new Set([...listed].filter(([file]) => file !== key).flatMap(([, slugs]) => [...slugs]));
    const asNew = knownAliases(plan, elsewhere);
    const knownAsNew = createMentionMatcher(asNew.aliases).find(article.body);
    const foundAsNew = new Set(knownAsNew.map((m) => ('entityId' in m.entity ? asNew.slugOf.get(m.entity.entityId) : undefined)));
    const proposedNames = new Set(proposeCandidateEntities(article.body, knownAsNew).candidates.map((c) => normalizeName(c.name)));
    tally.entitiesFoundAsNew = [...citedEntities].filter(
      (slug) => foundAsNew.has(slug) || [...(namesOf.get(slug) ?? [])].some((name) => proposedNames.has(name)),
    ).length;
    if (tally.entitiesFoundAsNew < tally.entities) {
      const lost = [...citedEntities].filter((slug) => !foundAsNew.has(slug) && ![...(namesOf.get(slug) ?? [])].some((name) => proposedNames.has(name)));
      entityMisses.push(`  ${key}  ${lost.join(', ')}`);
    }

    rows.push([key, tally]);
    for (const field of Object.keys(total) as Array<keyof Tally>) total[field] += tally[field];
  }
  const seconds = (performance.now() - started) / 1000;

  const header = 'article                 curated cand match | fig P  fig R | hedge P hedge R | period P period R | mention R  as new';
  console.log('Extraction measured on the curated corpus (as if new)\n');
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const [name, t] of [...rows, ['overall', total] as [string, Tally]]) {
    console.log(
      `${name.padEnd(23)} ${String(t.curated).padStart(7)} ${String(t.candidates).padStart(4)} ${String(t.matched).padStart(5)} | ` +
      `${ratio(t.matched, t.candidates)} ${ratio(t.matched, t.curated)}  |  ${ratio(t.hedgeStatedRight, t.hedgeStated)}   ${ratio(t.hedgeCuratedFound, t.hedgeCurated)} |` +
      `   ${ratio(t.periodStatedRight, t.periodStated)}    ${ratio(t.periodCuratedFound, t.periodCurated)} |     ${ratio(t.entitiesFound, t.entities)}  ${ratio(t.entitiesFoundAsNew, t.entities)}`,
    );
  }
  console.log(`\n${plan.articles.length} articles in ${seconds.toFixed(1)} s.`);
  console.log(`\nRule: ${MATCH_RULE}`);
  console.log(
    'Mentions: recall of the entities the curated data cites in each article (claim subjects and relation ends). ' +
    '"mention R": found by the mention matcher (src/ingest/mentions.ts) built from every curated name and alias. ' +
    '"as new": only the entities the other four articles list are known; another counts as found when a candidate ' +
    'entity is proposed under one of its curated names (compared normalised).',
  );
  console.log(`\nMisses (curated figures not found): ${misses.length}`);
  for (const line of misses) console.log(line);
  console.log(`\nFalse positives (candidates matching no curated figure): ${falsePositives.length}`);
  for (const line of falsePositives) console.log(line);
  console.log(`\nEntities not found as new (neither known from the other articles nor proposed by name): ${entityMisses.length} articles`);
  for (const line of entityMisses) console.log(line);
  console.log(`\nMatched figures whose hedge or period differs: ${disagreements.length}`);
  for (const line of disagreements) console.log(line);
}

await main();
