// Meters (liczniki): a resident's water meters, their readings and consumption, and the form to submit a reading.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, currentLanguage } from '../i18n.js';
import { get, post } from '../api.js';

let book = null;         // GET /api/meters
const problems = {};     // meterId -> why the last reading was refused

/** Called on reading.reviewed: the meters are read afresh. */
export function forgetMeters(app) {
  book = null;
  app.update();
}

function load(app) {
  book = { loading: true };
  get('/api/meters').then((b) => { book = b; app.update(); })
    .catch(() => { book = { meters: [], windows: {} }; app.update(); });
}

const locale = () => (currentLanguage() === 'pl' ? 'pl-PL' : 'en-GB');

/** Cubic metres as the person reads them: "123,456 m³". Volumes arrive as exact strings and are only shown. */
export function formatVolume(value) {
  if (value === null || value === undefined) return '';
  const number = new Intl.NumberFormat(locale(), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(Number(value));
  return `${number} m³`;
}

export function formatDay(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Today on the cooperative's (Warsaw's) calendar, as the server decides "in the future". */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
}

export function windowText(w) {
  if (!w) return '';
  return t(w.mandatory ? 'meters.window.mandatory' : 'meters.window.optional',
    { from: formatDay(w.opensOn), to: formatDay(w.closesOn) });
}

export function metersView(app) {
  if (!book) load(app);
  if (book.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  const { current, next, mandatory } = book.windows ?? {};
  return html`
    <section aria-labelledby="meters-title">
      <h1 id="meters-title">${t('zone.meters')}</h1>
      <div class="card meters-windows">
        ${current ? html`<p>${t('meters.window.now', { window: windowText(current) })}</p>` : nothing}
        ${next ? html`<p>${t('meters.window.next', { window: windowText(next) })}</p>` : nothing}
        ${!current && !next ? html`<p>${t('meters.window.none')}</p>` : nothing}
        ${mandatory ? html`<p class="muted">${t('meters.window.rule')}</p>` : nothing}
      </div>
      ${book.meters.length === 0 ? html`<p>${t('meters.none')}</p>` : html`
        <ul class="plain meters">${book.meters.map((m) => meterCard(app, m))}</ul>`}
    </section>`;
}

function meterCard(app, m) {
  const readings = [...m.readings].reverse();
  const used = Object.fromEntries(m.consumption.map((c) => [c.to, c]));
  return html`
    <li class="card meter" data-meter=${m.meterId}>
      <h2>${t(`meters.kind.${m.kind}`)} · ${t('meters.number', { number: m.number })}</h2>
      <p><span class="badge meter-status status-${m.status}">${t(`meters.status.${m.status}`)}</span>
        <span class="muted">${m.place} · ${m.address ?? m.premisesId}${m.premisesNumber ? `, ${t('premises.number', { number: m.premisesNumber })}` : ''}</span></p>
      <dl class="facts">
        <dt>${t('meters.legalisedUntil')}</dt><dd>${formatDay(m.legalisedUntil)}</dd>
        <dt>${t('meters.installedOn')}</dt><dd>${formatDay(m.installedOn)}</dd>
        ${m.removedOn ? html`<dt>${t('meters.removedOn')}</dt><dd>${formatDay(m.removedOn)}</dd>` : nothing}
      </dl>
      ${m.status === 'removed' || m.status === 'legalisation-expired' ? html`<p class="muted">${t(`meters.cannotRead.${m.status}`)}</p>`
        : readingForm(app, m)}
      <h3>${t('meters.history')}</h3>
      ${readings.length === 0 ? html`<p>${t('meters.noReadings')}</p>` : html`
        <div class="table-wrap">
          <table class="readings">
            <caption class="visually-hidden">${t('meters.historyOf', { number: m.number })}</caption>
            <thead><tr><th scope="col">${t('meters.col.date')}</th><th scope="col" class="amount">${t('meters.col.value')}</th>
              <th scope="col" class="amount">${t('meters.col.used')}</th><th scope="col">${t('meters.col.status')}</th></tr></thead>
            <tbody>
              ${readings.map((r) => html`
                <tr data-reading=${r.readingId} class="reading-${r.status}">
                  <td data-label=${t('meters.col.date')}>${formatDay(r.readAt)}</td>
                  <td data-label=${t('meters.col.value')} class="amount reading-value">${formatVolume(r.value)}</td>
                  <td data-label=${t('meters.col.used')} class="amount">${used[r.readAt] && r.source !== 'installation' ? formatVolume(used[r.readAt].used) : '—'}</td>
                  <td data-label=${t('meters.col.status')}>
                    <span class="reading-status">${t(`meters.reading.${r.source === 'resident' ? r.status : r.source}`)}</span>
                    ${r.status === 'corrected' ? html`<br><span class="muted">${t('meters.correctedFrom', { value: formatVolume(r.submittedValue) })}
                      ${r.comment ?? ''}</span>` : nothing}
                  </td>
                </tr>`)}
            </tbody>
          </table>
        </div>`}
    </li>`;
}

function readingForm(app, m) {
  const id = m.meterId;
  const problem = problems[id];
  return html`
    <form class="inline reading-form" @submit=${(e) => submit(e, app, m)} novalidate>
      <label for="value-${id}">${t('meters.value')}</label>
      <input id="value-${id}" name="value" inputmode="decimal" autocomplete="off" required
        aria-describedby="hint-${id}${problem ? ` problem-${id}` : ''}" aria-invalid=${problem ? 'true' : 'false'}>
      <label for="read-at-${id}">${t('meters.readAt')}</label>
      <input id="read-at-${id}" name="readAt" type="date" .value=${today()} max=${today()} required>
      <button type="submit" class="primary">${t('meters.submit')}</button>
    </form>
    <p id="hint-${id}" class="muted">${t('meters.hint')}</p>
    ${problem ? html`<p id="problem-${id}" class="flash error reading-problem" role="alert">${problem}</p>` : nothing}`;
}

async function submit(event, app, meter) {
  event.preventDefault();
  const form = new FormData(event.target);
  const value = String(form.get('value') ?? '').trim().replace(',', '.');
  const readAt = form.get('readAt');
  delete problems[meter.meterId];
  if (!value) {
    problems[meter.meterId] = t('meters.refused.missing');
    app.update();
    return;
  }
  try {
    const answer = await post(`/api/meters/${encodeURIComponent(meter.meterId)}/readings`, readAt ? { value, readAt } : { value });
    book = null;
    app.say('ok', t(answer.status === 'flagged' ? 'meters.flagged' : 'meters.submitted'));
  } catch (failure) {
    problems[meter.meterId] = refusal(failure);
    app.update();
  }
}

/** A refusal in the person's words, with what the server told us (the latest reading, the next window). */
export function refusal(failure) {
  const d = failure.details ?? {};
  const key = failure.status === 400 ? `meters.refused.invalid.${d.field}` : `meters.refused.${failure.code}`;
  const text = t(key, {
    lastValue: formatVolume(d.lastValue), lastReadAt: formatDay(d.lastReadAt), legalisedUntil: formatDay(d.legalisedUntil),
    opensOn: formatDay(d.opensOn), closesOn: formatDay(d.closesOn), atLeast: formatVolume(d.atLeast), atMost: formatVolume(d.atMost),
  });
  if (text !== key) return failure.code === 'outside_reading_window' && d.opensOn ? `${text} ${t('meters.refused.nextWindow', { opensOn: formatDay(d.opensOn), closesOn: formatDay(d.closesOn) })}` : text;
  return `${t('app.error', { code: failure.code })} ${failure.message}`;
}
