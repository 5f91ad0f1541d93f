// The administrator's import of a batch from the books, with the report of every bad row.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { ApiFailure } from '../api.js';

const KINDS = ['buildings', 'premises', 'titles', 'charges', 'payments', 'corrections', 'interest', 'membership', 'contributions',
  'loans', 'installments'];
let outcome = null; // { ok, text, rows }

export function importSection(app) {
  return html`
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">${t('import.title')}</h2>
      <p class="muted">${t('import.intro')}</p>
      <form @submit=${(e) => send(e, app)} novalidate>
        <div class="field">
          <label for="import-kind">${t('import.kind')}</label>
          <select id="import-kind" name="kind">${KINDS.map((k) => html`<option value=${k}>${t(`import.kind.${k}`)}</option>`)}</select>
        </div>
        <div class="field">
          <label for="import-file">${t('import.file')}</label>
          <input id="import-file" name="file" type="file" accept=".csv,.json,text/csv,application/json" required>
        </div>
        <button type="submit" class="primary">${t('import.submit')}</button>
      </form>
      ${outcome ? html`
        <div class="flash ${outcome.ok ? 'ok' : 'error'}" role=${outcome.ok ? 'status' : 'alert'} id="import-outcome">
          <p>${outcome.text}</p>
          ${outcome.rows?.length ? html`
            <div class="table-wrap">
              <table class="import-problems">
                <caption>${t('import.problems')}</caption>
                <thead><tr><th scope="col">${t('import.line')}</th><th scope="col">${t('import.field')}</th>
                  <th scope="col">${t('import.problem')}</th></tr></thead>
                <tbody>${outcome.rows.map((r) => html`<tr><td>${r.line}</td><td>${r.field}</td><td>${r.problem}</td></tr>`)}</tbody>
              </table>
            </div>` : nothing}
        </div>` : nothing}
    </section>`;
}

async function send(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const file = form.get('file');
  if (!file || !file.size) {
    outcome = { ok: false, text: t('import.noFile') };
    app.update();
    return;
  }
  const json = file.name.toLowerCase().endsWith('.json');
  const response = await fetch(`/api/admin/import/${form.get('kind')}`, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': json ? 'application/json' : 'text/csv', Accept: 'application/json' },
    body: await file.text(),
  });
  const body = await response.json().catch(() => null);
  if (response.ok) {
    outcome = { ok: true, text: t('import.done', { rows: body.rows, recorded: body.recorded, unchanged: body.unchanged }) };
  } else {
    const failure = new ApiFailure(response.status, body);
    outcome = { ok: false, text: failure.code === 'import_refused' ? t('import.refused') : `${t('app.error', { code: failure.code })} ${failure.message}`,
      rows: failure.details?.rows ?? [] };
  }
  app.update();
  document.getElementById('import-outcome')?.focus?.();
}
