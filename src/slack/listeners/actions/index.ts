import type { App } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { ACTION_IDS } from '../../ids.js';
import { listPage, shareCard, showPersona } from './cards.js';
import { homeNewPersona, homePage, homeSearch, homeShow } from './home.js';
import { askOwner, confirmPersona, editPersona } from './persona-edit.js';
import { correctReview, removeExample, reviewAgain } from './review.js';

/** Matches an action id and the numbered copies `actions()` makes of it within one block. */
export const actionPattern = (id: string): RegExp => new RegExp(`^${id}(:\\d+)?$`);

export function register(app: App, deps: AppDeps): void {
  app.action(actionPattern(ACTION_IDS.shareCard), shareCard(deps));
  app.action(actionPattern(ACTION_IDS.showPersona), showPersona(deps, { inPlace: true }));
  app.action(actionPattern(ACTION_IDS.listPage), listPage(deps));
  app.action(actionPattern(ACTION_IDS.editPersona), editPersona(deps));
  app.action(actionPattern(ACTION_IDS.confirmPersona), confirmPersona(deps));
  app.action(actionPattern(ACTION_IDS.askOwner), askOwner(deps));
  app.action(ACTION_IDS.newPersona, homeNewPersona(deps));
  app.action(ACTION_IDS.homeSearch, homeSearch(deps));
  app.action(actionPattern(ACTION_IDS.homePage), homePage(deps));
  app.action(actionPattern(ACTION_IDS.homeShow), homeShow(deps));
  app.action(actionPattern(ACTION_IDS.reviewAgain), reviewAgain(deps));
  app.action(actionPattern(ACTION_IDS.showPersonaPrivately), showPersona(deps, { inPlace: false }));
  app.action(actionPattern(ACTION_IDS.reviewRight), correctReview(deps));
  app.action(actionPattern(ACTION_IDS.reviewWrong), correctReview(deps));
  app.action(actionPattern(ACTION_IDS.reviewJob), correctReview(deps));
  app.action(actionPattern(ACTION_IDS.removeExample), removeExample(deps));
}
