// The figures about an entity in one table: curated ones, then candidates awaiting review; rivals
// the API reports as conflicting are marked in the row and named in the marker's title.
import { words, TableScroll } from '../components.tsx';
import { describeFigure, describePeriod, formatNumber, unitWords } from '../format.ts';
import type { Figure } from './queries.ts';
import { QuoteLinks, sourceCountText } from './citation-links.tsx';

function qualifierText(figure: Figure): string {
  const { product, direction, mode } = figure.qualifiers;
  return [product, direction && words(direction), mode && words(mode)].filter(Boolean).join(', ');
}

function conflictTitle(figure: Figure): string {
  const rivals = figure.conflicts.map((rival) => `${describeFigure(rival)}${rival.period.text ? ` (${rival.period.text})` : ''}`);
  return `Conflicts with ${rivals.join('; ')}`;
}

function FigureRow({ figure }: { figure: Figure }) {
  const conflict = figure.conflicts.length > 0;
  const qualifiers = qualifierText(figure);
  return (
    <tr data-testid="figure-row" data-claim-id={figure.id} data-conflict={conflict ? 'true' : 'false'}>
      <td>
        {figure.metric}
        {qualifiers && <div class="meta">{qualifiers}</div>}
      </td>
      <td class="number">{figure.value == null ? '—' : formatNumber(figure.value)}</td>
      <td>{unitWords(figure.unit, figure.unitText)}</td>
      <td>{words(figure.hedge)}</td>
      <td>{describePeriod(figure.period)}</td>
      <td>
        <span class="sources">{sourceCountText(figure.sourceCount)}</span> <QuoteLinks citations={figure.citations} />
      </td>
      <td>
        {figure.status.toLowerCase()}
        {conflict && (
          <>
            {' '}
            <span class="conflict-marker" title={conflictTitle(figure)}>
              conflict
            </span>
          </>
        )}
      </td>
    </tr>
  );
}

export function Figures({ figures, shownOf }: { figures: readonly Figure[]; shownOf: number }) {
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">Figures</h2>
      {figures.length === 0 ? (
        <p>No figures about this entity{shownOf > 0 ? ' here' : ''}.</p>
      ) : (
        <>
          {figures.length < shownOf && (
            <p class="meta">
              Showing {figures.length} of {shownOf}.
            </p>
          )}
          <TableScroll label="Figures">
            <table data-testid="figures">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Value</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Hedge</th>
                  <th scope="col">Period</th>
                  <th scope="col">Sources</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {figures.map((figure) => (
                  <FigureRow key={figure.id} figure={figure} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
