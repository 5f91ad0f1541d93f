// Texts by key in the chosen language: Polish by default, English on request, remembered per browser.
import pl from './texts/pl.js';
import en from './texts/en.js';

const dictionaries = { pl, en };
const STORAGE_KEY = 'iok.language';
let language = dictionaries[localStorage.getItem(STORAGE_KEY)] ? localStorage.getItem(STORAGE_KEY) : 'pl';
document.documentElement.lang = language;

export const languages = Object.keys(dictionaries);

export function currentLanguage() {
  return language;
}

export function setLanguage(next) {
  if (!dictionaries[next]) return;
  language = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** The text for a key with {placeholders} filled in; with a numeric `count`, the plural form the language needs. */
export function t(key, params = {}) {
  const dictionary = dictionaries[language];
  let text = dictionary[key];
  if (text === undefined && typeof params.count === 'number') {
    const form = new Intl.PluralRules(language).select(params.count);
    text = dictionary[`${key}.${form}`] ?? dictionary[`${key}.other`];
  }
  if (text === undefined) text = pl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (params[name] ?? match).toString());
}

/** Złoty as the person reads them: "1 234,56 zł". Amounts arrive as exact strings and are only shown. */
export function formatMoney(amount) {
  return new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { style: 'currency', currency: 'PLN' })
    .format(Number(amount));
}

export function formatTime(iso) {
  return new Intl.DateTimeFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' })
    .format(new Date(iso));
}
