import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';

export function registerListeners(app: App, deps: AppDeps): void {
  commands.register(app, deps);
  actions.register(app, deps);
}
