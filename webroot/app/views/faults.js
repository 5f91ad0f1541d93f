// Faults and repairs: a resident reports and follows their own; the administrator moves them along.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';

let faults = null;
let holdings = null;

/** Called on fault.* messages: the list is read afresh. */
export function forgetFaults(app) {
  faults = null;
  app.update();
}

function load(app) {
  faults = { loading: true };
  get('/api/faults').then((f) => { faults = f.faults; app.update(); }).catch(() => { faults = []; app.update(); });
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
          <button type="submit" class="primary">${t('faults.submit')}</button>
        </form>
      </div>
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
  return html`
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

async function report(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { title: form.get('title'), description: form.get('description') };
  if (form.get('premisesId')) body.premisesId = form.get('premisesId');
  if (form.get('place')) body.place = form.get('place');
  try {
    await post('/api/faults', body);
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
