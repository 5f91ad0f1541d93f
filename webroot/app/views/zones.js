// Administration: which zones the cooperative's residents can use (P III.8, O III.3: the cooperative
// enables, suspends and adds zones). GET|PUT /api/admin/settings/zones; a suspended zone keeps its data,
// its residents' screens drop it at once, and the server refuses its requests until it is enabled again.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { get, api } from '../api.js';

let zones = null;
let problem = null;

function load(app) {
  zones = { loading: true };
  get('/api/admin/settings/zones').then((loaded) => { zones = loaded.zones; problem = null; app.update(); })
    // without the current switches there is no form: saving an empty one would suspend every zone
    .catch((failure) => { zones = { failed: true }; problem = t('app.error', { code: failure.code }); app.update(); });
}

/**
 * Called on cooperative.zones-changed (another administrator may have changed them): the boxes take the
 * new state in place, so a form being filled in is not rebuilt under the pointer.
 */
export function zonesChanged(enabled) {
  if (Array.isArray(zones)) zones = zones.map((z) => ({ ...z, enabled: enabled.includes(z.zone) }));
}

export function zonesAdmin(app) {
  if (!zones) load(app);
  if (zones.loading) return nothing;
  if (zones.failed) {
    return html`
      <section class="card" aria-labelledby="zones-title">
        <h2 id="zones-title">${t('zones.title')}</h2>
        <p class="flash error" role="alert">${problem}</p>
        <button type="button" @click=${() => load(app)}>${t('zones.retry')}</button>
      </section>`;
  }
  return html`
    <section class="card" aria-labelledby="zones-title">
      <h2 id="zones-title">${t('zones.title')}</h2>
      <p class="muted">${t('zones.intro')}</p>
      ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
      <form @submit=${(e) => save(e, app)} novalidate>
        <fieldset class="zones-list">
          <legend>${t('zones.legend')}</legend>
          ${zones.map((z) => html`
            <div class="check">
              <input type="checkbox" id=${`zone-${z.zone}`} name="zone" value=${z.zone} .checked=${z.enabled}>
              <label for=${`zone-${z.zone}`}>${t(`zone.${z.zone}`)}</label>
            </div>`)}
        </fieldset>
        <button type="submit" class="primary">${t('zones.save')}</button>
      </form>
    </section>`;
}

async function save(event, app) {
  event.preventDefault();
  const chosen = new FormData(event.target).getAll('zone').map(String);
  try {
    await api('PUT', '/api/admin/settings/zones', { zones: chosen });
    zones = zones.map((z) => ({ ...z, enabled: chosen.includes(z.zone) }));
    problem = null;
    app.say('ok', t('zones.saved'));
  } catch (failure) {
    problem = t('app.error', { code: failure.code });
    app.update();
  }
}
