// Faults and repairs: a resident reports and follows their own, with photos, and sees the planned repairs of
// their buildings; the administrator moves faults along and announces planned repairs.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime } from '../i18n.js';
import { get, post, api } from '../api.js';

let faults = null;
let repairs = null;
let holdings = null;

/** As the server checks them again: at most five photos of 5 MiB, JPEG, PNG or WebP. */
const MAX_PHOTOS = 5;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** Called on fault.* and repair.* messages: the lists are read afresh. */
export function forgetFaults(app) {
  faults = null;
  repairs = null;
  app.update();
}

function load(app) {
  faults = { loading: true };
  get('/api/faults').then((f) => { faults = f.faults; app.update(); }).catch(() => { faults = []; app.update(); });
}

function loadRepairs(app) {
  repairs = { loading: true };
  get('/api/repairs').then((r) => { repairs = r.repairs; app.update(); }).catch(() => { repairs = []; app.update(); });
}

function days(r) {
  return r.startsOn === r.endsOn ? r.startsOn : t('repairs.days', { from: r.startsOn, to: r.endsOn });
}

function repairItem(r, actions = nothing) {
  return html`
    <li class="card repair" data-repair=${r.repairId}>
      <h3>${r.title}</h3>
      <p><span class="badge status-${r.status}">${t(`repairs.status.${r.status}`)}</span>
        <strong>${days(r)}</strong>${r.target ? html` <span class="muted">· ${r.target}</span>` : nothing}</p>
      <p class="repair-description">${r.description}</p>
      ${actions}
    </li>`;
}

function plannedRepairs(app) {
  if (!repairs) loadRepairs(app);
  if (repairs.loading) return nothing;
  const shown = [...repairs].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return html`
    <section class="repairs" aria-labelledby="repairs-title">
      <h2 id="repairs-title">${t('repairs.title')}</h2>
      ${shown.length === 0 ? html`<p>${t('repairs.none')}</p>`
        : html`<ul class="plain repairs" aria-live="polite">${shown.map((r) => repairItem(r))}</ul>`}
    </section>`;
}

function photos(fault) {
  if (!fault.photos?.length) return nothing;
  return html`
    <ul class="plain photos" aria-label=${t('faults.photos')}>
      ${fault.photos.map((p) => html`
        <li><a href=${p.url} target="_blank" rel="noopener">
          <img class="thumbnail" src=${p.url} width="96" height="72" loading="lazy"
            alt=${t('faults.photoAlt', { number: p.number, title: fault.title })}></a></li>`)}
    </ul>`;
}

/** The browser's view of the chosen photos; null when they are fine, else what to tell the resident. */
function photoProblem(files) {
  if (files.length > MAX_PHOTOS) return t('faults.photos.tooMany', { max: MAX_PHOTOS });
  for (const f of files) {
    if (f.size > MAX_PHOTO_BYTES) return t('faults.photos.tooLarge', { name: f.name, max: 5 });
    if (f.type && !PHOTO_TYPES.includes(f.type)) return t('faults.photos.wrongType', { name: f.name });
  }
  return null;
}

function timeline(fault) {
  return html`
    <ol class="timeline fault-timeline">
      ${fault.timeline.map((e) => html`
        <li data-kind=${e.kind}>
          <p class="when"><time datetime=${e.at}>${formatTime(e.at)}</time></p>
          <p class="what"><strong>${t(`faults.entry.${e.kind}`, { status: e.status ? t(`faults.status.${e.status}`) : '' })}</strong>
            ${e.by ? html`<span class="muted">(${t(`role.${e.by}`)})</span>` : nothing}</p>
          ${e.text ? html`<p>${e.text}</p>` : nothing}
        </li>`)}
    </ol>`;
}

function card(app, fault, actions) {
  return html`
    <li class="card fault" data-fault=${fault.faultId}>
      <h2>${fault.title}</h2>
      <p><span class="badge status-${fault.status}">${t(`faults.status.${fault.status}`)}</span>
        <span class="muted">${fault.premisesId ?? fault.place}</span></p>
      ${photos(fault)}
      ${timeline(fault)}
      ${actions}
    </li>`;
}

export function faultsView(app) {
  if (!faults) load(app);
  if (!holdings) {
    holdings = [];
    get('/api/premises').then((h) => { holdings = h.premises; app.update(); }).catch(() => {});
  }
  if (faults.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  return html`
    <section aria-labelledby="faults-title">
      <h1 id="faults-title">${t('zone.faults')}</h1>
      <div class="card">
        <h2>${t('faults.report')}</h2>
        <form @submit=${(e) => report(e, app)} novalidate>
          <div class="field"><label for="fault-where">${t('faults.where')}</label>
            <select id="fault-where" name="premisesId">
              ${holdings.map((p) => html`<option value=${p.premisesId}>${p.address}, ${t('premises.number', { number: p.number })}</option>`)}
              <option value="">${t('faults.commonPart')}</option>
            </select></div>
          <div class="field"><label for="fault-place">${t('faults.place')}</label><input id="fault-place" name="place"></div>
          <div class="field"><label for="fault-title">${t('faults.title')}</label><input id="fault-title" name="title" required></div>
          <div class="field"><label for="fault-description">${t('faults.description')}</label>
            <textarea id="fault-description" name="description" rows="3" required></textarea></div>
          <div class="field"><label for="fault-photos">${t('faults.photos.choose')}</label>
            <input id="fault-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple
              aria-describedby="fault-photos-hint" @change=${(e) => checkPhotos(e.target)}>
            <p id="fault-photos-hint" class="muted">${t('faults.photos.hint', { max: MAX_PHOTOS, size: 5 })}</p></div>
          <button type="submit" class="primary">${t('faults.submit')}</button>
        </form>
      </div>
      ${plannedRepairs(app)}
      ${faults.length === 0 ? html`<p>${t('faults.none')}</p>` : html`
        <ul class="plain faults">${faults.map((f) => card(app, f, html`
          <form class="inline" @submit=${(e) => comment(e, app, f, false)} novalidate>
            <label for="comment-${f.faultId}">${t('faults.comment')}</label>
            <input id="comment-${f.faultId}" name="text" required>
            <button type="submit">${t('faults.send')}</button>
            ${f.mayReopen ? html`<button type="button" @click=${(e) => comment(e, app, f, true)}>${t('faults.reopen')}</button>` : nothing}
          </form>`))}</ul>`}
    </section>`;
}

export function faultsAdmin(app) {
  if (!faults) load(app);
  if (faults.loading) return nothing;
  return html`${repairsAdmin(app)}
    <section class="card" aria-labelledby="faults-admin-title">
      <h2 id="faults-admin-title">${t('faults.admin')}</h2>
      ${faults.length === 0 ? html`<p>${t('faults.none')}</p>` : html`
        <ul class="plain faults">${faults.slice(0, 30).map((f) => card(app, f, f.nextStatuses.length ? html`
          <form class="inline" @submit=${(e) => e.preventDefault()} novalidate>
            <label for="status-comment-${f.faultId}">${t('faults.statusComment')}</label>
            <input id="status-comment-${f.faultId}" name="comment">
            ${f.nextStatuses.map((s) => html`<button type="button" data-status=${s}
              @click=${(e) => move(e, app, f, s)}>${t(`faults.to.${s}`)}</button>`)}
          </form>` : nothing))}</ul>`}
    </section>`;
}

function checkPhotos(input) {
  const problem = photoProblem([...input.files]);
  input.setCustomValidity(problem ?? '');
  input.setAttribute('aria-invalid', problem ? 'true' : 'false');
  return problem;
}

async function report(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const input = event.target.querySelector('input[type=file]');
  const chosen = [...input.files];
  const problem = checkPhotos(input);
  if (problem) {
    app.say('error', problem);
    return;
  }
  const body = { title: form.get('title'), description: form.get('description') };
  if (form.get('premisesId')) body.premisesId = form.get('premisesId');
  if (form.get('place')) body.place = form.get('place');
  let sent = body;
  if (chosen.length) {
    // with photos, as the browser sends a form with files; the server checks each photo again
    sent = new FormData();
    for (const [name, value] of Object.entries(body)) sent.append(name, value);
    for (const file of chosen) sent.append('photos', file, file.name);
  }
  try {
    await post('/api/faults', sent);
    event.target.reset();
    faults = null;
    app.say('ok', t('faults.reported'));
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}

async function comment(event, app, fault, reopen) {
  event.preventDefault();
  const form = event.target.closest('form');
  const text = new FormData(form).get('text') || (reopen ? t('faults.reopened') : '');
  if (!text) return;
  try {
    await post(`/api/faults/${encodeURIComponent(fault.faultId)}/comments`, { text, reopen });
    faults = null;
    app.update();
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}

async function move(event, app, fault, status) {
  const comment = new FormData(event.target.closest('form')).get('comment');
  try {
    await post(`/api/admin/faults/${encodeURIComponent(fault.faultId)}/status`, comment ? { status, comment } : { status });
    faults = null;
    app.update();
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}

function repairsAdmin(app) {
  if (!repairs) loadRepairs(app);
  return html`
    <section class="card" aria-labelledby="repair-admin-title">
      <h2 id="repair-admin-title">${t('repairs.announce')}</h2>
      <form @submit=${(e) => planRepair(e, app)} novalidate>
        <div class="field"><label for="repair-title">${t('repairs.what')}</label>
          <input id="repair-title" name="title" required></div>
        <div class="field"><label for="repair-description">${t('repairs.description')}</label>
          <textarea id="repair-description" name="description" rows="3" required></textarea></div>
        <div class="field"><label for="repair-scope">${t('announcements.scope')}</label>
          <select id="repair-scope" name="scope">
            ${['building', 'community', 'cooperative'].map((s) => html`<option value=${s}>${t(`announcements.scope.${s}`)}</option>`)}
          </select></div>
        <div class="field"><label for="repair-target">${t('announcements.target')}</label>
          <input id="repair-target" name="target"></div>
        <div class="field"><label for="repair-starts">${t('repairs.startsOn')}</label>
          <input id="repair-starts" name="startsOn" type="date" required></div>
        <div class="field"><label for="repair-ends">${t('repairs.endsOn')}</label>
          <input id="repair-ends" name="endsOn" type="date" required></div>
        <button type="submit" class="primary">${t('repairs.submit')}</button>
      </form>
      ${repairs && !repairs.loading && repairs.length ? html`
        <h3>${t('repairs.announced')}</h3>
        <ul class="plain repairs">${repairs.slice(0, 20).map((r) => repairItem(r, r.status === 'planned' || r.status === 'ongoing'
          ? html`<button @click=${() => cancelRepair(app, r)}>${t('repairs.cancel')}</button>` : nothing))}</ul>` : nothing}
    </section>`;
}

async function planRepair(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = {};
  for (const name of ['title', 'description', 'scope', 'target', 'startsOn', 'endsOn']) {
    if (form.get(name)) body[name] = form.get(name);
  }
  try {
    await post('/api/admin/repairs', body);
    event.target.reset();
    repairs = null;
    app.say('ok', t('repairs.done'));
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}

async function cancelRepair(app, repair) {
  try {
    await api('DELETE', `/api/admin/repairs/${encodeURIComponent(repair.repairId)}`);
    repairs = null;
    app.say('ok', t('repairs.cancelled', { title: repair.title }));
  } catch (failure) {
    app.say('error', t('app.error', { code: failure.code }));
  }
}
