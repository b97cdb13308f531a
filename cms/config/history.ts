import { historySettings } from '../src/history/history-settings';

/** The version history's settings (cms/src/history/history-settings.ts), checked at boot: a bad value stops the CMS here rather than at the first save. */
export default () => historySettings();
