// Meters for the administrator: residents' readings to review (accept or correct), registering and replacing
// meters, and the cooperative's reading windows.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { api, get, post } from '../api.js';
import { formatDay, formatVolume, refusal, windowText } from './meters.js';

let state = null; // { readings, meters, windows }

/** Called on reading.* messages and after every change: everything is read afresh. */
export function forgetMetersAdmin(app) {
  state = null;
  app.update();
}

function load(app) {
  state = { loading: true };
  Promise.all([get('/api/admin/readings'), get('/api/admin/meters'), get('/api/admin/settings/readings')])
    .then(([r, m, w]) => { state = { readings: r.readings, meters: m.meters, windows: w.windows }; app.update(); })
    .catch(() => { state = { readings: [], meters: [], windows: [] }; app.update(); });
}

export function metersAdmin(app) {
  if (!state) load(app);
  if (state.loading) return nothing;
  return html`
    <section class="card meters-admin" aria-labelledby="readings-admin-title">
      <h2 id="readings-admin-title">${t('meters.admin.readings')}</h2>
      ${state.readings.length === 0 ? html`<p>${t('meters.admin.noReadings')}</p>` : html`
        <ul class="plain readings-to-review">${state.readings.map((r) => toReview(app, r))}</ul>`}
    </section>
    <div class="admin-grid">
      <section class="card" aria-labelledby="meter-register-title">
        <h2 id="meter-register-title">${t('meters.admin.register')}</h2>
        <form @submit=${(e) => register(e, app)} novalidate>
          ${field('meter-premises', 'premisesId', t('meters.admin.premises'))}
          <div class="field"><label for="meter-kind">${t('meters.admin.kind')}</label>
            <select id="meter-kind" name="kind"><option value="cold">${t('meters.kind.cold')}</option>
              <option value="hot">${t('meters.kind.hot')}</option></select></div>
          ${field('meter-number', 'number', t('meters.admin.number'))}
          ${field('meter-place', 'place', t('meters.admin.place'))}
          ${field('meter-legalised', 'legalisedUntil', t('meters.legalisedUntil'), 'date')}
          ${field('meter-installed', 'installedOn', t('meters.installedOn'), 'date')}
          ${field('meter-initial', 'initialValue', t('meters.admin.initialValue'), 'text', false)}
          <button type="submit" class="primary">${t('meters.admin.registerSubmit')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="meter-replace-title">
        <h2 id="meter-replace-title">${t('meters.admin.replace')}</h2>
        <form @submit=${(e) => replace(e, app)} novalidate>
          <div class="field"><label for="replace-meter">${t('meters.admin.which')}</label>
            <select id="replace-meter" name="meterId">
              ${state.meters.filter((m) => m.status !== 'removed').map((m) => html`
                <option value=${m.meterId}>${m.premisesId} · ${t(`meters.kind.${m.kind}`)} · ${m.number}</option>`)}
            </select></div>
          ${field('replace-number', 'number', t('meters.admin.newNumber'))}
          ${field('replace-legalised', 'legalisedUntil', t('meters.legalisedUntil'), 'date')}
          ${field('replace-installed', 'installedOn', t('meters.admin.replacedOn'), 'date')}
          ${field('replace-final', 'finalValue', t('meters.admin.finalValue'), 'text', false)}
          ${field('replace-initial', 'initialValue', t('meters.admin.initialValue'), 'text', false)}
          <button type="submit" class="primary">${t('meters.admin.replaceSubmit')}</button>
        </form>
      </section>
    </div>
    <section class="card" aria-labelledby="windows-title">
      <h2 id="windows-title">${t('meters.admin.windows')}</h2>
      <p class="muted">${t('meters.window.rule')}</p>
      ${state.windows.length === 0 ? html`<p>${t('meters.window.none')}</p>` : html`
        <ul class="reading-windows">${state.windows.map((w, i) => html`
          <li>${windowText(w)} <button type="button" class="link" @click=${() => saveWindows(app, state.windows.filter((x, j) => j !== i))}>
            ${t('meters.admin.removeWindow')}</button></li>`)}</ul>`}
      <form class="inline" @submit=${(e) => addWindow(e, app)} novalidate>
        <label for="window-opens">${t('meters.admin.opensOn')}</label><input id="window-opens" name="opensOn" type="date" required>
        <label for="window-closes">${t('meters.admin.closesOn')}</label><input id="window-closes" name="closesOn" type="date" required>
        <div class="check"><input id="window-mandatory" name="mandatory" type="checkbox">
          <label for="window-mandatory">${t('meters.admin.mandatory')}</label></div>
        <button type="submit">${t('meters.admin.addWindow')}</button>
      </form>
    </section>`;
}

function field(id, name, label, type = 'text', required = true) {
  return html`<div class="field"><label for=${id}>${label}</label><input id=${id} name=${name} type=${type} ?required=${required}></div>`;
}

function toReview(app, r) {
  const id = r.readingId;
  return html`
    <li class="card reading-review" data-reading=${id}>
      <h3>${r.address ?? r.premisesId}${r.premisesNumber ? `, ${t('premises.number', { number: r.premisesNumber })}` : ''}</h3>
      <p>${t(`meters.kind.${r.kind}`)} · ${r.number} · ${r.place}</p>
      <p><strong>${formatVolume(r.value)}</strong> (${formatDay(r.readAt)})
        ${r.previous ? html`<br><span class="muted">${t('meters.admin.previous', { value: formatVolume(r.previous.value), date: formatDay(r.previous.readAt) })}</span>` : nothing}</p>
      ${r.jump ? html`<p class="flash info">${t('meters.admin.jump', { perDay: formatVolume(r.jump.perDay), usual: formatVolume(r.jump.usualPerDay) })}</p>` : nothing}
      <form class="inline" @submit=${(e) => correct(e, app, r)} novalidate>
        <button type="button" class="primary" @click=${() => accept(app, r)}>${t('meters.admin.accept')}</button>
        <label for="correct-value-${id}">${t('meters.admin.correctValue')}</label>
        <input id="correct-value-${id}" name="value" inputmode="decimal" required>
        <label for="correct-comment-${id}">${t('meters.admin.comment')}</label>
        <input id="correct-comment-${id}" name="comment" required>
        <button type="submit">${t('meters.admin.correct')}</button>
      </form>
    </li>`;
}

async function act(app, request, done) {
  try {
    await request();
    state = null;
    app.say('ok', done);
  } catch (failure) {
    app.say('error', refusal(failure));
  }
}

function accept(app, r) {
  return act(app, () => post(`/api/admin/readings/${encodeURIComponent(r.readingId)}/acceptance`), t('meters.admin.accepted'));
}

function correct(event, app, r) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { value: String(form.get('value') ?? '').trim().replace(',', '.'), comment: form.get('comment') };
  return act(app, () => post(`/api/admin/readings/${encodeURIComponent(r.readingId)}/correction`, body), t('meters.admin.corrected'));
}

/** The form's non-empty fields, volumes with a decimal point whatever the person typed. */
function body(form, names) {
  const values = {};
  for (const name of names) {
    const value = String(form.get(name) ?? '').trim();
    if (value) values[name] = name.endsWith('Value') ? value.replace(',', '.') : value;
  }
  return values;
}

function register(event, app) {
  event.preventDefault();
  const values = body(new FormData(event.target),
    ['premisesId', 'kind', 'number', 'place', 'legalisedUntil', 'installedOn', 'initialValue']);
  return act(app, () => post('/api/admin/meters', values), t('meters.admin.registered'));
}

function replace(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const values = body(form, ['number', 'legalisedUntil', 'installedOn', 'finalValue', 'initialValue']);
  return act(app, () => post(`/api/admin/meters/${encodeURIComponent(form.get('meterId'))}/replacement`, values),
    t('meters.admin.replaced'));
}

function saveWindows(app, windows) {
  return act(app, () => api('PUT', '/api/admin/settings/readings', { windows }), t('meters.admin.windowsSaved'));
}

function addWindow(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const window = { opensOn: form.get('opensOn'), closesOn: form.get('closesOn'), mandatory: form.get('mandatory') === 'on' };
  return saveWindows(app, [...state.windows, window]);
}
