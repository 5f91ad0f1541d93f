// Administration: the read models, and rebuilding one from the events while IOK keeps serving
// (GET /api/admin/projections, POST /api/admin/projections/{name}/replay). Progress is polled while any rebuilds.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';

let projections = null;
let problem = null;
let polling = null;

function load(app) {
  projections = projections ?? { loading: true };
  get('/api/admin/projections').then((answer) => {
    projections = answer.projections;
    const busy = Object.values(projections).some((p) => p.state === 'replaying');
    if (busy && !polling) polling = setInterval(() => load(app), 1000);
    if (!busy && polling) { clearInterval(polling); polling = null; }
    app.update();
  }).catch((failure) => { projections = {}; problem = t('app.error', { code: failure.code }); app.update(); });
}

export function projectionsAdmin(app) {
  if (!projections) load(app);
  if (projections.loading) return nothing;
  const names = Object.keys(projections).sort();
  return html`
    <section class="card" aria-labelledby="projections-title">
      <h2 id="projections-title">${t('projections.title')}</h2>
      <p class="muted">${t('projections.intro')}</p>
      ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
      <table class="projections">
        <thead><tr><th scope="col">${t('projections.name')}</th><th scope="col">${t('projections.state')}</th>
          <th scope="col"><span class="visually-hidden">${t('projections.actions')}</span></th></tr></thead>
        <tbody aria-live="polite">
          ${names.map((name) => {
            const p = projections[name];
            return html`<tr>
              <td>${name}</td>
              <td>${p.state === 'replaying'
                ? html`<progress max="1" .value=${p.progress} aria-label=${t('projections.progress', { name })}></progress>
                       ${Math.round(p.progress * 100)}%`
                : t(`projections.state.${p.state}`)}</td>
              <td>${p.replayable && p.state !== 'replaying'
                ? html`<button type="button" @click=${() => replay(app, name)}
                         aria-label=${t('projections.replayOne', { name })}>${t('projections.replay')}</button>`
                : nothing}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;
}

async function replay(app, name) {
  try {
    await post(`/api/admin/projections/${encodeURIComponent(name)}/replay`);
    problem = null;
    app.say('ok', t('projections.started', { name }));
    load(app);
  } catch (failure) {
    problem = t('app.error', { code: failure.code });
    app.update();
  }
}
