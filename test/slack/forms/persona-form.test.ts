// The persona form's problems say exactly what is wrong, all at once.
import { describe, expect, it } from 'vitest';
import { readPersonaForm } from '../../../src/slack/forms/persona-form.js';
import type { ViewState } from '../../../src/slack/forms/persona-form.js';
import { FORM_INPUT_ACTION, PERSONA_FORM } from '../../../src/slack/ids.js';

function state(typed: Record<string, string>): ViewState {
  return Object.fromEntries(Object.entries(typed).map(([block, value]) => [block, { [FORM_INPUT_ACTION]: { type: 'plain_text_input', value } }]));
}

const base = { [PERSONA_FORM.name]: 'Weekend Baker', [PERSONA_FORM.summary]: 'Bakes at weekends.' };

function errorsOf(typed: Record<string, string>): Record<string, string> {
  const result = readPersonaForm(state({ ...base, ...typed }), null, '2026-11-20');
  if (result.ok) throw new Error('expected problems');
  return result.errors;
}

describe('persona form problems', () => {
  it('a date written YYYY-MM-DD that is no date is called not a real date', () => {
    expect(errorsOf({ [PERSONA_FORM.evidence]: 'interview | 12 bakers | 2026-13-45' })[PERSONA_FORM.evidence]).toBe(
      'line 1, date (3rd part): "2026-13-45" is not a real date (months run 01–12, days to the end of the month)',
    );
    expect(errorsOf({ [PERSONA_FORM.evidence]: 'interview | 12 bakers | 15.09.2026' })[PERSONA_FORM.evidence]).toBe(
      'line 1, date (3rd part): must be a date written YYYY-MM-DD',
    );
  });

  it('a mistyped kind gets "did you mean"', () => {
    expect(errorsOf({ [PERSONA_FORM.jobs]: 'functinal | Bake bread | 5' })[PERSONA_FORM.jobs]).toBe(
      'line 1: kind must be one of: functional, emotional, social (did you mean functional?)',
    );
    expect(errorsOf({ [PERSONA_FORM.pains]: 'obstacel | Oven too small | 3' })[PERSONA_FORM.pains]).toContain('(did you mean obstacle?)');
    expect(errorsOf({ [PERSONA_FORM.jobs]: 'banana | Bake bread | 5' })[PERSONA_FORM.jobs]).not.toContain('did you mean');
  });

  it('an empty part of a line is named', () => {
    const errors = errorsOf({ [PERSONA_FORM.jobs]: 'functional | Bake bread | 5\n\nfunctional |  | 4', [PERSONA_FORM.gains]: 'desired |  | 4' });
    expect(errors[PERSONA_FORM.jobs]).toBe('line 3, statement (2nd part): must not be empty');
    expect(errors[PERSONA_FORM.gains]).toBe('line 1, text (2nd part): must not be empty');
  });

  it('reports every problem at once and hands back the name, so a taken name can join them', () => {
    const result = readPersonaForm(
      state({ ...base, [PERSONA_FORM.summary]: '', [PERSONA_FORM.jobs]: 'functinal | Bake | 5', [PERSONA_FORM.evidence]: 'survey | x | 2026-02-30' }),
      null,
      '2026-11-20',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([PERSONA_FORM.evidence, PERSONA_FORM.jobs, PERSONA_FORM.summary].sort());
    expect(result.name).toBe('Weekend Baker');
  });
});
