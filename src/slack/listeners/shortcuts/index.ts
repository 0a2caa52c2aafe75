import type { AllMiddlewareArgs, App, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { personaModal } from '../../render/persona-modal.js';
import type { AppDeps } from '../../deps.js';
import { CALLBACK_IDS } from '../../ids.js';
import { reviewCopy } from './review-copy.js';

/** "Create persona": the modal opens before any other I/O, while the trigger id is fresh. */
export function createPersona(deps: AppDeps) {
  return async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      await client.views.open({ trigger_id: shortcut.trigger_id, view: personaModal(null) });
    } catch (err) {
      deps.log.error({ err }, 'opening the create modal failed');
    }
  };
}

export function register(app: App, deps: AppDeps): void {
  app.shortcut(CALLBACK_IDS.createPersona, createPersona(deps));
  app.shortcut({ callback_id: CALLBACK_IDS.reviewCopy, type: 'message_action' }, reviewCopy(deps));
}
