import type { ResultEnvelope } from '../../shared/contract';

/** The part of a WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
}

/** The part of an IpcMainInvokeEvent the sender check reads: the sending frame and its page's main frame. */
export interface SenderLike {
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly mainFrame: FrameLike };
}

/** The part of Electron's ipcMain the handlers use; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderLike, payload: unknown) => Promise<ResultEnvelope>): void;
  removeHandler(channel: string): void;
}

/** The part of a window's WebContents that events are pushed to. */
export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export type TrustedSenderCheck = (event: SenderLike) => boolean;
