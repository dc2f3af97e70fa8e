/** A SendContext whose ticket links live in a Map. */
import type { SendContext } from '../../../core/model/delivery.ts';

export class MemoryLinks {
  readonly links = new Map<string, string>();

  context(outboxId: string): SendContext {
    return {
      outboxId,
      getLink: async (ticketId, surface) => this.links.get(`${ticketId}|${surface}`),
      setLink: async (ticketId, surface, ref) => {
        this.links.set(`${ticketId}|${surface}`, ref);
      },
    };
  }
}
