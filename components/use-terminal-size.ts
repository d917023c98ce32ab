/** The terminal's size, following resizes (Ink's stdout emits 'resize'). */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';
import type { Size } from './layout.js';

/** Used when the stream does not know its size (not a TTY). */
export const DEFAULT_SIZE: Size = { columns: 80, rows: 24 };

function read(stdout: NodeJS.WriteStream): Size {
  return { columns: stdout.columns || DEFAULT_SIZE.columns, rows: stdout.rows || DEFAULT_SIZE.rows };
}

/** `fixed` (tests) wins over the stream's size. */
export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    if (fixed) return;
    const onResize = () => {
      const next = read(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
