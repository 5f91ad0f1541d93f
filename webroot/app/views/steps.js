// The forced first-login steps: a password of one's own under the cooperative's rules, checked as one
// types; then the current regulations, accepted explicitly.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';

let typed = '';
let passwordProblem = null;
let regulations = null;
let regulationsProblem = null;

/** The rules the cooperative set, each with whether the typed password meets it (mirrors PasswordPolicy.java). */
export function ruleChecks(policy, candidate) {
  if (!policy) return [];
  const length = [...candidate].length;
  const checks = [{ code: 'too_short', text: t('rule.too_short', { min: policy.minLength }), met: length >= policy.minLength },
    { code: 'too_long', text: t('rule.too_long', { max: policy.maxLength }), met: length <= policy.maxLength }];
  if (policy.requireDigit) checks.push({ code: 'digit_required', text: t('rule.digit_required'), met: /[0-9]/.test(candidate) });
  if (policy.requireUpperCase) {
    checks.push({ code: 'upper_case_required', text: t('rule.upper_case_required'), met: /\p{Lu}/u.test(candidate) });
  }
  if (policy.asciiLettersAndDigitsOnly) {
    checks.push({ code: 'letters_and_digits_only', text: t('rule.letters_and_digits_only'), met: /^[A-Za-z0-9]*$/.test(candidate) });
  }
  return checks;
}

export function passwordView(app, forced) {
  const checks = ruleChecks(app.cooperative?.passwordPolicy, typed);
  return html`
    <section class="card narrow" aria-labelledby="password-title">
      <h1 id="password-title">${forced ? t('password.title') : t('profile.changePassword')}</h1>
      ${forced ? html`<p>${t('password.intro')}</p>` : nothing}
      <form @submit=${(e) => changePassword(e, app, forced)} novalidate>
        <div class="field">
          <label for="current-password">${t('password.current')}</label>
          <input id="current-password" name="current" type="password" required autocomplete="current-password">
        </div>
        <div class="field">
          <label for="new-password">${t('password.new')}</label>
          <input id="new-password" name="next" type="password" required autocomplete="new-password"
                 aria-describedby="password-rules" @input=${(e) => { typed = e.target.value; app.update(); }}>
        </div>
        <div class="rules" id="password-rules">
          <h2 class="small">${t('password.rules')}</h2>
          <ul>
            ${checks.map((c) => html`
              <li class=${c.met ? 'met' : 'unmet'} data-rule=${c.code}>
                <span aria-hidden="true">${c.met ? '✓' : '•'}</span> ${c.text}
                <span class="visually-hidden">(${c.met ? t('password.met') : t('password.unmet')})</span>
              </li>`)}
          </ul>
        </div>
        <div class="field">
          <label for="repeat-password">${t('password.repeat')}</label>
          <input id="repeat-password" name="repeat" type="password" required autocomplete="new-password">
        </div>
        ${passwordProblem ? html`<p class="flash error" role="alert">${passwordProblem}</p>` : nothing}
        <button type="submit" class="primary">${t('password.submit')}</button>
      </form>
    </section>`;
}

async function changePassword(event, app, forced) {
  event.preventDefault();
  const form = new FormData(event.target);
  const currentPassword = form.get('current');
  const newPassword = form.get('next');
  if (newPassword !== form.get('repeat')) {
    passwordProblem = t('password.mismatch');
    app.update();
    return;
  }
  try {
    await post('/api/auth/password', { currentPassword, newPassword });
    passwordProblem = null;
    typed = '';
    event.target.reset();
    app.me = await get('/api/me');
    if (forced) app.go('#/');
    else app.say('ok', t('password.changed'));
  } catch (failure) {
    if (failure.code === 'password_policy') {
      passwordProblem = (failure.details.violations ?? []).map((v) => t(`rule.${v}`, app.cooperative?.passwordPolicy ?
        { min: app.cooperative.passwordPolicy.minLength, max: app.cooperative.passwordPolicy.maxLength } : {})).join('; ');
    } else if (failure.code === 'current_password_incorrect') {
      passwordProblem = t('password.currentWrong');
    } else {
      passwordProblem = t('app.error', { code: failure.code });
    }
    app.update();
  }
}

/** A new version was published: read it afresh. */
export function forgetRegulations() {
  regulations = null;
}

export function regulationsView(app) {
  if (!regulations || regulations.stale) {
    regulations = { loading: true };
    get('/api/regulations/current').then((r) => { regulations = r; app.update(); })
      .catch((f) => { regulations = { error: f.code }; app.update(); });
  }
  if (regulations.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  if (regulations.error) return html`<p class="flash error" role="alert">${t('app.error', { code: regulations.error })}</p>`;
  return html`
    <section class="card" aria-labelledby="regulations-title">
      <h1 id="regulations-title">${t('regulations.title')}</h1>
      <p>${t('regulations.intro', { version: regulations.version })}</p>
      <div class="regulations-text" tabindex="0" role="document" aria-label=${t('regulations.title')}>${regulations.text}</div>
      <form @submit=${(e) => accept(e, app)} novalidate>
        <div class="check">
          <input id="accept" name="accept" type="checkbox">
          <label for="accept">${t('regulations.accept')}</label>
        </div>
        ${regulationsProblem ? html`<p class="flash error" role="alert">${regulationsProblem}</p>` : nothing}
        <button type="submit" class="primary">${t('regulations.submit')}</button>
      </form>
    </section>`;
}

async function accept(event, app) {
  event.preventDefault();
  if (!event.target.querySelector('#accept').checked) {
    regulationsProblem = t('regulations.mustTick');
    app.update();
    return;
  }
  try {
    await post('/api/regulations/accept', { version: regulations.version });
    regulationsProblem = null;
    regulations = null;
    app.me = await get('/api/me');
    app.flash = null;
    app.go('#/');
  } catch (failure) {
    if (failure.status === 409) regulations = { stale: true };
    regulationsProblem = failure.status === 409 ? t('regulations.changed') : t('app.error', { code: failure.code });
    app.update();
  }
}
