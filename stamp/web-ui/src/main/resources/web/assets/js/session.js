// The admin API key lives in sessionStorage only: gone when the tab closes, never in localStorage or a cookie.
const KEY = 'citadel.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: value => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};
