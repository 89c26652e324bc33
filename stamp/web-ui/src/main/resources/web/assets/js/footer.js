// Footer: the release, and the stamp/region that served the last API call.
import config from '/config.js';
import {onServerLocation} from './api.js';

const KEY = 'citadel.lastServerLocation';

export function startFooter() {
  document.getElementById('app-version').textContent = config.version;
  const location = document.getElementById('server-location');
  location.textContent = sessionStorage.getItem(KEY) ?? '–';
  onServerLocation(region => {
    location.textContent = region;
    sessionStorage.setItem(KEY, region);
  });
}
