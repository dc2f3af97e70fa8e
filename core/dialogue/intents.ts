/** Recognises commands and a few fixed intents (talk to a person, thanks) in English and Russian. */

export const COMMANDS = ['start', 'help', 'tickets', 'new', 'cancel', 'human'] as const;
export type Command = (typeof COMMANDS)[number];

export type ParsedCommand = { known: true; command: Command; args: string } | { known: false; command: string };

/** `/start`, `/tickets@frontline_bot`, `/new my printer is jammed`; undefined when not a command. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const match = /^\/([a-z_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match) return undefined;
  const name = match[1]!.toLowerCase();
  const aliases: Record<string, Command> = { menu: 'help', operator: 'human', agent: 'human', person: 'human', my: 'tickets', status: 'tickets' };
  const command = (COMMANDS as readonly string[]).includes(name) ? (name as Command) : aliases[name];
  return command ? { known: true, command, args: (match[2] ?? '').trim() } : { known: false, command: `/${name}` };
}

const HUMAN_PATTERNS = [
  /\b(talk|speak|chat)\s+(to|with)\s+(a\s+)?(human|person|someone|agent|operator|engineer|somebody)\b/i,
  /\b(real|live)\s+(person|human|agent)\b/i,
  /^\s*(human|operator|agent)\s*[.!]*\s*$/i,
  /(позов\p{L}*|соедин\p{L}*|переключ\p{L}*|хочу|нужен|дайте)\s+(с\s+)?(человек|оператор|специалист|инженер|сотрудник)/iu,
  /^\s*(человек|оператор|живой человек)\s*[.!]*\s*$/iu,
  /(поговорить|связаться|общаться)\s+с\s+(человеком|оператором|специалистом|инженером|сотрудником)/iu,
];

export function wantsHuman(text: string): boolean {
  return HUMAN_PATTERNS.some((pattern) => pattern.test(text));
}

const THANKS = /^\s*(thanks?( you)?( very much| a lot)?|thx|ty|ok(ay)?,? thanks?|great,? thanks?|спасибо( большое| огромное)?|благодарю|ок,? спасибо|понял,? спасибо|отлично,? спасибо)\s*[.!)]*\s*$/iu;

/** A bare "thank you" after a resolution should not reopen the ticket. */
export function isThanks(text: string): boolean {
  return THANKS.test(text);
}

/** A bare digit 1-5 (optionally "5/5", "4 stars"), as a typed CSAT answer. */
export function parseRating(text: string): number | undefined {
  const match = /^\s*([1-5])\s*(\/\s*5|stars?|зв\p{L}*)?\s*[.!]*\s*$/iu.exec(text);
  return match ? Number(match[1]) : undefined;
}

const HELPED = /^\s*(yes|yep|it helped|helped|that helped|worked|it worked|solved|да|помогло|получилось|заработало|сработало|всё получилось|все получилось)\s*[.!)]*\s*$/iu;
const NOT_HELPED = /^\s*(no|nope|didn'?t help|did not help|not helpful|doesn'?t work|still (broken|not working)|нет|не помогло|не получилось|не работает|всё ещё не работает|все еще не работает)\s*[.!(]*\s*$/iu;

/** Typed feedback on an article, for users who answer in words instead of pressing a button. */
export function feedbackFromText(text: string): 'helped' | 'not_helped' | undefined {
  if (HELPED.test(text)) return 'helped';
  if (NOT_HELPED.test(text)) return 'not_helped';
  return undefined;
}
