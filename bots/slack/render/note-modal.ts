/** The "Add internal note" modal, opened from the message shortcut in the triage channel. */
import type { types } from '@slack/bolt';
import type { Language } from '../../../core/model/messages.ts';
import { CALLBACK } from '../normalise/outcome.ts';
import { NOTE_INPUT, noteModalMetadata } from '../normalise/interactions.ts';
import { labels } from './labels.ts';

export function renderNoteModal(channel: string, threadTs: string, language: Language = 'en'): types.ModalView {
  const l = labels(language);
  return {
    type: 'modal',
    callback_id: CALLBACK.noteModal,
    private_metadata: noteModalMetadata(channel, threadTs),
    title: { type: 'plain_text', text: l.noteTitle },
    submit: { type: 'plain_text', text: l.save },
    close: { type: 'plain_text', text: l.cancel },
    blocks: [
      {
        type: 'input',
        block_id: NOTE_INPUT.block,
        label: { type: 'plain_text', text: l.noteLabel },
        element: { type: 'plain_text_input', action_id: NOTE_INPUT.action, multiline: true, max_length: 3000 },
      },
    ],
  };
}
