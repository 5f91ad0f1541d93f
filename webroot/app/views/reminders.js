// Administration: when the cooperative's reminders go out — before a reading window opens, and after a
// payment's due date (GET|PUT /api/admin/settings/reminders). Residents choose in their profile whether
// and how they are told.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { get, api } from '../api.js';

let times = null;
let problem = null;

function load(app) {
  times = { loading: true };
  get('/api/admin/settings/reminders').then((loaded) => { times = loaded; app.update(); })
    .catch((failure) => { times = {}; problem = t('app.error', { code: failure.code }); app.update(); });
}

export function remindersAdmin(app) {
  if (!times) load(app);
  if (times.loading) return nothing;
  return html`
    <section class="card" aria-labelledby="reminders-title">
      <h2 id="reminders-title">${t('reminders.title')}</h2>
      <p class="muted">${t('reminders.intro')}</p>
      ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
      <form @submit=${(e) => save(e, app)} novalidate>
        <div class="field">
          <label for="reading-notice-days">${t('reminders.readingNoticeDays')}</label>
          <input id="reading-notice-days" name="readingNoticeDays" type="number" min="0" max="30" required
                 .value=${String(times.readingNoticeDays ?? 3)}>
        </div>
        <div class="field">
          <label for="payment-grace-days">${t('reminders.paymentGraceDays')}</label>
          <input id="payment-grace-days" name="paymentGraceDays" type="number" min="3" max="90" required
                 .value=${String(times.paymentGraceDays ?? 14)}>
        </div>
        <button type="submit" class="primary">${t('reminders.save')}</button>
      </form>
    </section>`;
}

async function save(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { readingNoticeDays: Number(form.get('readingNoticeDays')), paymentGraceDays: Number(form.get('paymentGraceDays')) };
  try {
    await api('PUT', '/api/admin/settings/reminders', body);
    times = body;
    problem = null;
    app.say('ok', t('reminders.saved'));
  } catch (failure) {
    problem = failure.status === 422 ? t(`reminders.refused.${failure.code}`) : t('app.error', { code: failure.code });
    app.update();
  }
}
