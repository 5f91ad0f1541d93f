// Announcements: the resident's board (cooperative, community and building ones), the administrator's publishing.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime } from '../i18n.js';
import { get, post, api } from '../api.js';

let board = null;
let problem = null;

/** Called on announcement.published: the board is read afresh. */
export function forgetAnnouncements(app) {
  board = null;
  app.update();
}

function load(app) {
  board = { loading: true };
  get('/api/announcements').then((b) => { board = b.announcements; app.update(); })
    .catch((failure) => { board = []; problem = t('app.error', { code: failure.code }); app.update(); });
}

export function announcementsView(app, zone) {
  if (!board) load(app);
  if (board.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  const shown = board.filter((a) => a.zone === zone);
  return html`
    <section aria-labelledby="announcements-title">
      <h1 id="announcements-title">${t(`zone.${zone}`)}</h1>
      ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
      ${shown.length === 0 ? html`<p>${t('announcements.none')}</p>` : html`
        <ul class="plain announcements" aria-live="polite">${shown.map((a) => item(a))}</ul>`}
    </section>`;
}

function item(a, actions = nothing) {
  return html`
    <li class="card announcement" data-announcement=${a.announcementId}>
      <h2>${a.title}</h2>
      <p class="muted">${formatTime(a.publishedAt)}${a.target ? html` · ${a.target}` : nothing}
        ${a.expiresOn ? html` · ${t('announcements.until', { day: a.expiresOn })}` : nothing}
        ${a.status && a.status !== 'standing' ? html` · <strong>${t(`announcements.status.${a.status}`)}</strong>` : nothing}</p>
      <p class="announcement-body">${a.body}</p>
      ${actions}
    </li>`;
}

export function announcementsAdmin(app) {
  if (!board) load(app);
  return html`
    <section class="card" aria-labelledby="announce-title">
      <h2 id="announce-title">${t('announcements.publish')}</h2>
      <form @submit=${(e) => publish(e, app)} novalidate>
        <div class="field"><label for="announce-title-input">${t('announcements.title')}</label>
          <input id="announce-title-input" name="title" required></div>
        <div class="field"><label for="announce-body">${t('announcements.body')}</label>
          <textarea id="announce-body" name="body" rows="4" required></textarea></div>
        <div class="field"><label for="announce-scope">${t('announcements.scope')}</label>
          <select id="announce-scope" name="scope">
            ${['cooperative', 'community', 'building'].map((s) => html`<option value=${s}>${t(`announcements.scope.${s}`)}</option>`)}
          </select></div>
        <div class="field"><label for="announce-target">${t('announcements.target')}</label>
          <input id="announce-target" name="target"></div>
        <div class="field"><label for="announce-expires">${t('announcements.expires')}</label>
          <input id="announce-expires" name="expiresOn" type="date"></div>
        <button type="submit" class="primary">${t('announcements.submit')}</button>
      </form>
      ${board && !board.loading && board.length ? html`
        <h3>${t('announcements.published')}</h3>
        <ul class="plain">${board.slice(0, 20).map((a) => item(a, a.status === 'standing'
          ? html`<button @click=${() => withdraw(app, a)}>${t('announcements.withdraw')}</button>` : nothing))}</ul>` : nothing}
    </section>`;
}

async function publish(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { title: form.get('title'), body: form.get('body'), scope: form.get('scope') };
  if (form.get('target')) body.target = form.get('target');
  if (form.get('expiresOn')) body.expiresOn = form.get('expiresOn');
  try {
    await post('/api/admin/announcements', body);
    event.target.reset();
    board = null;
    app.say('ok', t('announcements.done'));
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}

async function withdraw(app, announcement) {
  try {
    await api('DELETE', `/api/admin/announcements/${encodeURIComponent(announcement.announcementId)}`);
    board = null;
    app.say('ok', t('announcements.withdrawn', { title: announcement.title }));
  } catch (failure) {
    app.say('error', t('app.error', { code: failure.code }));
  }
}
