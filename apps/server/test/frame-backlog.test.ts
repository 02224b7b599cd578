import { describe, expect, it } from 'vitest';
import { FrameBacklog } from '../src/sync/frame-backlog.ts';

describe('FrameBacklog', () => {
  it('stops reading past its limit and reads again once half of it is handled, once each way', () => {
    const calls: string[] = [];
    const backlog = new FrameBacklog({ pause: () => calls.push('pause'), resume: () => calls.push('resume') }, 100);
    backlog.read(60);
    backlog.read(40);
    expect(calls).toEqual([]); // at the limit, not past it
    backlog.read(30);
    backlog.read(30); // read while pausing (already in the socket's buffer)
    expect(calls).toEqual(['pause']);
    backlog.handled(60);
    backlog.handled(40);
    expect(calls).toEqual(['pause']); // 60 left: more than half
    backlog.handled(30);
    expect(calls).toEqual(['pause', 'resume']);
    backlog.handled(30);
    backlog.read(100);
    expect(calls).toEqual(['pause', 'resume']);
    backlog.read(1);
    expect(calls).toEqual(['pause', 'resume', 'pause']);
  });
});
