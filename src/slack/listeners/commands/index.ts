import type { App } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { SLASH_COMMAND } from '../../ids.js';
import { personaCommand } from './persona.js';

export function register(app: App, deps: AppDeps): void {
  app.command(SLASH_COMMAND, personaCommand(deps));
}
