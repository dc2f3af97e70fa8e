/**
 * The front-matter contract of an article file (`knowledge/articles/<language>/<id>.md`):
 *
 * ```yaml
 * ---
 * id: vpn-connect          # kebab-case, the same in every language
 * title: Connecting to the corporate VPN
 * category: network        # one of CATEGORIES
 * type: service_request    # or incident
 * language: en             # must match the folder
 * tags: [vpn, remote work]
 * examples:                # ways users ask this; the search engine learns from them
 *   - How do I connect to the VPN?
 * ---
 * ```
 *
 * Kept strict (unknown keys are errors) because a typo such
 * as `exmaples:` would otherwise silently drop the field the search engine relies on.
 */
import { z } from 'zod';
import { CATEGORIES, REQUEST_TYPES } from '../types.ts';
import { LANGUAGES } from '../../core/model/messages.ts';

const nonBlank = z.string().trim().min(1, 'must not be empty');

export const frontMatterSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (lower-case letters, digits and dashes)'),
  title: nonBlank,
  category: z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(', ')}` }),
  type: z.enum(REQUEST_TYPES, { error: `must be one of: ${REQUEST_TYPES.join(', ')}` }),
  language: z.enum(LANGUAGES, { error: `must be one of: ${LANGUAGES.join(', ')}` }),
  // Tags are optional help for search; examples are what the engine learns from, so at least one is required.
  tags: z.array(nonBlank).default([]),
  examples: z.array(nonBlank).min(1, 'needs at least one example question'),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
