/**
 * The room of the chat server: who is in it, in join order, and the
 * broadcast that hands each member the same encoded line without waiting
 * for any of them.
 *
 * @module
 */

/** What the room needs of a member. */
export interface ChatMember {
  readonly nickname: string | undefined;
  /** Queues bytes for the member; never waits. */
  send(bytes: Uint8Array): void;
}

const encoder = new TextEncoder();

/** The joined members of a chat, keyed by case-folded nickname. */
export class ChatRoom {
  #members = new Map<string, ChatMember>();

  /** Nicknames in join order. */
  get nicknames(): string[] {
    return [...this.#members.values()].map((member) => member.nickname!);
  }

  /** Whether a nickname is taken, ignoring case. */
  has(nickname: string): boolean {
    return this.#members.has(nickname.toLowerCase());
  }

  /** Adds a member under its nickname. */
  add(member: ChatMember): void {
    this.#members.set(member.nickname!.toLowerCase(), member);
  }

  /** Removes a member; a member not in the room is ignored. */
  remove(member: ChatMember): void {
    const key = member.nickname?.toLowerCase();
    if (key !== undefined && this.#members.get(key) === member) {
      this.#members.delete(key);
    }
  }

  /** Sends a line to every member but `except`, encoded once. */
  broadcast(line: string, except?: ChatMember): void {
    const bytes = encoder.encode(`${line}\n`);
    // Copy first: a send may overflow a queue and remove that member.
    for (const member of [...this.#members.values()]) {
      if (member !== except) member.send(bytes);
    }
  }
}
