// Correspondence (R13): letters from the cooperative with their PDFs, the resident's messages and
// "this information is wrong" reports (R17), each a thread both sides reply in.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';

let threads = null;   // GET /api/correspondence, or the administrator's list
let opened = null;    // GET /api/correspondence/{id}: the thread on screen
let draft = null;     // { about: { zone, ref } } when a zone's "this is wrong" button led here
let filter = 'all';   // the administrator's list: all | open | wrong-data
let addressee = null; // the account the administrator writes a letter to

/** Called on correspondence.* messages: what is on screen is read afresh. */
export function forgetCorrespondence(app) {
  threads = null;
  if (opened) openThread(app, opened.threadId);
  else app.update();
}

/** A zone's "this is wrong" button: the message form, already saying what it is about. */
export function reportWrong(app, zone, ref) {
  draft = { about: ref ? { zone, ref } : { zone } };
  opened = null;
  app.go('#/zone/correspondence');
  setTimeout(() => document.getElementById('message-body')?.focus(), 0);
}

/** The button other zones show beside what a resident may find wrong. */
export function wrongButton(app, zone, ref) {
  if (!(app.cooperative?.zones ?? []).includes('correspondence') || !app.me?.roles.includes('resident')) return nothing;
  const label = ref ? t('correspondence.wrongAbout', { ref }) : t('correspondence.wrong');
  return html`<button type="button" class="link report-wrong" data-about=${zone} @click=${() => reportWrong(app, zone, ref)}>${label}</button>`;
}

/** The administrator chose an account in the search: the letter form names it. */
export function writeLetterTo(app, account) {
  addressee = account;
  app.update();
  setTimeout(() => document.getElementById('letter-subject')?.focus(), 0);
}

function load(app, path) {
  threads = { loading: true };
  get(path).then((r) => { threads = r.threads; app.update(); }).catch(() => { threads = []; app.update(); });
}

async function openThread(app, threadId) {
  try {
    opened = await get(`/api/correspondence/${encodeURIComponent(threadId)}`);
    threads = null;
  } catch (failure) {
    opened = null;
    app.say('error', t('app.error', { code: failure.code }));
    return;
  }
  app.update();
  document.getElementById('thread-title')?.focus();
}

const aboutText = (about) => about
  ? t('correspondence.about', { zone: t(`zone.${about.zone}`), ref: about.ref ?? '' }) : '';

function threadItem(app, thread, admin) {
  return html`
    <li class="card thread ${thread.unread && !admin ? 'unread' : ''}" data-thread=${thread.threadId}>
      <h3>${thread.subject}</h3>
      <p>
        ${thread.unread && !admin ? html`<span class="badge unread">${t('correspondence.unread')}</span>` : nothing}
        ${thread.wrongData ? html`<span class="badge wrong-data">${t('correspondence.wrongData')}</span>` : nothing}
        <span class="muted">${t(`correspondence.kind.${thread.kind}`)} · <time datetime=${thread.updatedAt}>${formatTime(thread.updatedAt)}</time></span>
      </p>
      ${admin ? html`<p class="muted">${thread.resident?.name ?? ''} (${thread.resident?.login ?? ''})
        ${thread.about ? html` — ${aboutText(thread.about)}` : nothing}</p>
        ${thread.kind === 'letter' ? html`<p class="opened-at">${thread.openedAt
          ? t('correspondence.openedAt', { at: formatTime(thread.openedAt) }) : t('correspondence.notOpened')}</p>` : nothing}` : nothing}
      <button type="button" @click=${() => openThread(app, thread.threadId)}>${t('correspondence.open')}</button>
    </li>`;
}

function threadView(app, admin) {
  const thread = opened;
  return html`
    <article class="card opened-thread" aria-labelledby="thread-title">
      <h2 id="thread-title" tabindex="-1">${thread.subject}</h2>
      ${thread.about ? html`<p class="badge wrong-data">${aboutText(thread.about)}</p>` : nothing}
      ${thread.kind === 'letter' && admin ? html`<p class="opened-at">${thread.openedAt
        ? t('correspondence.openedAt', { at: formatTime(thread.openedAt) }) : t('correspondence.notOpened')}</p>` : nothing}
      <ol class="timeline letter-entries">
        ${thread.entries.map((e) => html`
          <li data-by=${e.by}>
            <p class="when"><strong>${t(`correspondence.by.${e.by}`)}</strong>, <time datetime=${e.at}>${formatTime(e.at)}</time></p>
            <p class="letter-body">${e.body}</p>
          </li>`)}
      </ol>
      ${thread.attachments.length ? html`
        <h3>${t('correspondence.attachments')}</h3>
        <ul class="attachments">
          ${thread.attachments.map((a) => html`<li><a href=${a.href} download=${a.name}>${a.name}</a>
            <span class="muted">(${Math.max(1, Math.round(a.size / 1024))} KiB)</span></li>`)}
        </ul>` : nothing}
      <form @submit=${(e) => reply(e, app, admin)} novalidate>
        <div class="field"><label for="reply-body">${t('correspondence.reply')}</label>
          <textarea id="reply-body" name="body" rows="3" required></textarea></div>
        <button type="submit" class="primary">${t('correspondence.send')}</button>
        <button type="button" @click=${() => { opened = null; app.update(); }}>${t('correspondence.close')}</button>
      </form>
    </article>`;
}

export function correspondenceView(app) {
  if (!threads) load(app, '/api/correspondence');
  if (threads.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  return html`
    <section aria-labelledby="correspondence-title">
      <h1 id="correspondence-title">${t('zone.correspondence')}</h1>
      ${opened ? threadView(app, false) : nothing}
      <h2>${t('correspondence.threads')}</h2>
      ${threads.length === 0 ? html`<p>${t('correspondence.none')}</p>`
        : html`<ul class="plain threads">${threads.map((th) => threadItem(app, th, false))}</ul>`}
      <div class="card">
        <h2 id="message-title">${draft?.about ? t('correspondence.reportTitle') : t('correspondence.write')}</h2>
        ${draft?.about ? html`<p class="about-note">${aboutText(draft.about)}</p>` : nothing}
        <form @submit=${(e) => write(e, app)} novalidate>
          <div class="field"><label for="message-subject">${t('correspondence.subject')}</label>
            <input id="message-subject" name="subject" required .value=${draft?.about ? t('correspondence.wrongSubject', { zone: t(`zone.${draft.about.zone}`) }) : ''}></div>
          <div class="field"><label for="message-body">${t('correspondence.body')}</label>
            <textarea id="message-body" name="body" rows="4" required></textarea></div>
          <button type="submit" class="primary">${t('correspondence.send')}</button>
          ${draft ? html`<button type="button" @click=${() => { draft = null; app.update(); }}>${t('admin.cancel')}</button>` : nothing}
        </form>
      </div>
    </section>`;
}

export function correspondenceAdmin(app) {
  if (!threads) load(app, `/api/admin/correspondence?filter=${filter}`);
  return html`
    <section class="card" aria-labelledby="letters-admin-title">
      <h2 id="letters-admin-title">${t('correspondence.admin')}</h2>
      <div class="card">
        <h3 id="letter-title-admin">${t('correspondence.newLetter')}</h3>
        ${addressee ? html`
          <form class="letter-form" @submit=${(e) => sendLetter(e, app)} novalidate>
            <p class="letter-to">${t('correspondence.to', { name: `${addressee.firstName} ${addressee.lastName}`, login: addressee.login })}</p>
            <div class="field"><label for="letter-subject">${t('correspondence.subject')}</label>
              <input id="letter-subject" name="subject" required></div>
            <div class="field"><label for="letter-body">${t('correspondence.body')}</label>
              <textarea id="letter-body" name="body" rows="5" required></textarea></div>
            <div class="field"><label for="letter-files">${t('correspondence.files')}</label>
              <input id="letter-files" name="attachment" type="file" accept="application/pdf,.pdf" multiple></div>
            <button type="submit" class="primary">${t('correspondence.sendLetter')}</button>
            <button type="button" @click=${() => { addressee = null; app.update(); }}>${t('admin.cancel')}</button>
          </form>` : html`<p class="muted">${t('correspondence.chooseAddressee')}</p>`}
      </div>
      ${opened ? threadView(app, true) : nothing}
      <form class="inline" @submit=${(e) => e.preventDefault()}>
        <label for="letters-filter">${t('correspondence.filter')}</label>
        <select id="letters-filter" @change=${(e) => { filter = e.target.value; threads = null; app.update(); }}>
          ${['all', 'open', 'wrong-data'].map((f) => html`<option value=${f} ?selected=${f === filter}>${t(`correspondence.filter.${f}`)}</option>`)}
        </select>
      </form>
      ${!threads || threads.loading ? html`<p class="loading">${t('app.loading')}</p>`
        : threads.length === 0 ? html`<p>${t('correspondence.none')}</p>`
        : html`<ul class="plain threads">${threads.slice(0, 50).map((th) => threadItem(app, th, true))}</ul>`}
    </section>`;
}

async function write(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { subject: form.get('subject'), body: form.get('body') };
  if (draft?.about) body.about = draft.about;
  try {
    await post('/api/correspondence', body);
    draft = null;
    event.target.reset();
    threads = null;
    app.say('ok', t(body.about ? 'correspondence.reported' : 'correspondence.written'));
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}

async function reply(event, app, admin) {
  event.preventDefault();
  const body = new FormData(event.target).get('body');
  if (!body?.trim()) return;
  const id = encodeURIComponent(opened.threadId);
  try {
    await post(admin ? `/api/admin/correspondence/${id}/replies` : `/api/correspondence/${id}/replies`, { body });
    await openThread(app, opened.threadId);
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}

async function sendLetter(event, app) {
  event.preventDefault();
  const fields = new FormData(event.target);
  const form = new FormData();
  form.append('letter', JSON.stringify({ accountId: addressee.accountId, subject: fields.get('subject'), body: fields.get('body') }));
  for (const file of event.target.querySelector('#letter-files').files) form.append('attachment', file, file.name);
  try {
    await post('/api/admin/correspondence', form);
    addressee = null;
    threads = null;
    app.say('ok', t('correspondence.sent'));
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}
