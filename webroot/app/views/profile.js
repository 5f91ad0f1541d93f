// The profile's contact data (voluntary, deletable for good) and notification choices (P IV, P III.6h).
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { get, api } from '../api.js';

let contact = null;
let notifications = null;

function load(app) {
  contact = { loading: true };
  Promise.all([get('/api/profile/contact'), get('/api/profile/notifications')])
    .then(([c, n]) => { contact = c; notifications = n; app.update(); })
    .catch(() => { contact = { email: null, phone: null }; notifications = null; app.update(); });
}

export function contactSection(app) {
  if (!contact) load(app);
  if (contact.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  return html`
    <section class="card" aria-labelledby="contact-title">
      <h2 id="contact-title">${t('contact.title')}</h2>
      <p class="muted">${t('contact.intro')}</p>
      <form @submit=${(e) => save(e, app)} novalidate>
        <div class="field"><label for="contact-email">${t('admin.email')}</label>
          <input id="contact-email" name="email" type="email" autocomplete="email" .value=${contact.email ?? ''}></div>
        <div class="field"><label for="contact-phone">${t('admin.phone')}</label>
          <input id="contact-phone" name="phone" type="tel" autocomplete="tel" .value=${contact.phone ?? ''}></div>
        <button type="submit" class="primary">${t('contact.save')}</button>
        ${contact.email || contact.phone
          ? html`<button type="button" class="danger" @click=${() => remove(app)}>${t('contact.delete')}</button>` : nothing}
      </form>
    </section>
    ${notifications ? html`
      <section class="card" aria-labelledby="notify-title">
        <h2 id="notify-title">${t('notify.title')}</h2>
        <form @submit=${(e) => choose(e, app)} novalidate>
          <div class="table-wrap"><table class="choices">
            <caption class="visually-hidden">${t('notify.title')}</caption>
            <thead><tr><th scope="col">${t('notify.kind')}</th>
              ${notifications.channels.map((c) => html`<th scope="col">${t(`notify.channel.${c}`)}</th>`)}</tr></thead>
            <tbody>${notifications.kinds.map((k) => html`<tr>
              <th scope="row">${t(`notify.kind.${k}`)}</th>
              ${notifications.channels.map((c) => html`<td data-label=${t(`notify.channel.${c}`)}>
                <input type="checkbox" name=${`${k}|${c}`} id=${`n-${k}-${c}`}
                  aria-label=${`${t(`notify.kind.${k}`)}: ${t(`notify.channel.${c}`)}`}
                  ?checked=${(notifications.choices[k] ?? []).includes(c)}></td>`)}
            </tr>`)}</tbody>
          </table></div>
          <button type="submit" class="primary">${t('notify.save')}</button>
        </form>
      </section>` : nothing}`;
}

async function save(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = {};
  if (form.get('email')) body.email = form.get('email');
  if (form.get('phone')) body.phone = form.get('phone');
  await send(app, api('PUT', '/api/profile/contact', body), t('contact.saved'));
}

async function remove(app) {
  await send(app, api('DELETE', '/api/profile/contact'), t('contact.deleted'));
}

async function choose(event, app) {
  event.preventDefault();
  const choices = {};
  for (const kind of notifications.kinds) choices[kind] = [];
  for (const [key] of new FormData(event.target)) {
    const [kind, channel] = key.split('|');
    choices[kind].push(channel);
  }
  await send(app, api('PUT', '/api/profile/notifications', { choices }), t('notify.saved'));
}

async function send(app, request, done) {
  try {
    await request;
    contact = null;
    app.say('ok', done);
  } catch (failure) {
    const text = failure.code === 'notification_channel_unavailable' ? t('notify.needsContact') : `${t('app.error', { code: failure.code })} ${failure.message}`;
    app.say('error', text);
  }
}
