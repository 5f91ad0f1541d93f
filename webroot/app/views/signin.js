// Signing in: the cooperative (chosen, or given by the address /<cooperative>/), login and password,
// with answers a person can act on: tries left before the lock, and whom to contact when locked.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { post } from '../api.js';

let problem = null; // { text, contact }

export function signInView(app) {
  const chosen = app.entryCooperative;
  return html`
    <section class="card narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">${t('signin.title')}</h1>
      <p class="muted">${t('signin.intro')}</p>
      <form @submit=${(e) => submit(e, app)} novalidate>
        <div class="field">
          <label for="cooperative">${t('signin.cooperative')}</label>
          <select id="cooperative" name="cooperative" required autocomplete="organization">
            <option value="">${t('signin.cooperative.choose')}</option>
            ${app.cooperatives.map((c) => html`<option value=${c.id} ?selected=${c.id === chosen}>${c.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="login">${t('signin.login')}</label>
          <input id="login" name="login" required autocomplete="username" autocapitalize="none" spellcheck="false">
        </div>
        <div class="field">
          <label for="password">${t('signin.password')}</label>
          <input id="password" name="password" type="password" required autocomplete="current-password">
        </div>
        ${problem ? html`
          <div class="flash error" role="alert" id="signin-problem">
            <p>${problem.text}</p>
            ${problem.extra ? html`<p>${problem.extra}</p>` : nothing}
          </div>` : nothing}
        <button type="submit" class="primary">${t('signin.submit')}</button>
      </form>
    </section>`;
}

async function submit(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const cooperative = form.get('cooperative');
  const login = form.get('login').trim();
  const password = form.get('password');
  if (!cooperative || !login || !password) {
    problem = { text: t('signin.required') };
    app.update();
    return;
  }
  app.entryCooperative = cooperative;
  try {
    await post('/api/auth/login', { cooperative, login, password });
    problem = null;
    await app.refreshSession();
    app.go('#/');
  } catch (failure) {
    const office = app.cooperatives.find((c) => c.id === cooperative)?.office;
    const contact = office ? t('signin.contact', { office }) : null;
    if (failure.code === 'invalid_credentials') {
      const remaining = failure.details.remainingAttempts;
      problem = {
        text: t('signin.wrong'),
        extra: typeof remaining === 'number'
          ? (remaining > 0 ? t('signin.remaining', { count: remaining }) : t('signin.remaining.none')) : null,
      };
    } else if (failure.code === 'account_locked') {
      problem = { text: t('signin.locked'), extra: contact };
    } else if (failure.code === 'account_blocked') {
      problem = { text: t('signin.blocked'), extra: contact };
    } else if (failure.code === 'too_many_attempts') {
      problem = { text: t('signin.tooMany', { minutes: Math.max(1, Math.ceil((failure.details.retryAfterSeconds ?? 60) / 60)) }) };
    } else {
      problem = { text: failure.status === 0 || failure.status >= 500 ? t('app.unavailable') : t('app.error', { code: failure.code }) };
    }
    event.target.querySelector('#password').value = '';
    app.update();
    document.getElementById('signin-problem')?.focus?.();
  }
}
