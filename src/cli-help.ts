/**
 * The top-level help (`auditready --help`, or `auditready` alone) without loading the commands:
 * the build records what commander's help shows for the real program (`helpShape`, run by
 * scripts/bundle.mjs on the full CLI) and the executable renders it with commander's own layout
 * (`renderHelp`) at the width commander would choose. test/cli/help.test.ts checks that both give
 * the same text, byte for byte, at several widths and from the built files.
 */
import { type Command, Help } from 'commander';

/** One titled list of the help (Options:, Commands:): each item is a term and its description. */
export interface HelpSection {
  readonly heading: string;
  readonly items: ReadonlyArray<readonly [term: string, description: string]>;
}

/** What commander's help of a command shows, independent of the terminal's width. */
export interface HelpShape {
  readonly usage: string;
  readonly description: string;
  /** The width of the widest term (commander pads every term to it). */
  readonly termWidth: number;
  readonly sections: readonly HelpSection[];
}

/**
 * Records the help of `cmd` as commander lays it out: its own formatHelp runs with an item and a
 * list formatter that note what they are given instead of laying it out.
 */
export function helpShape(cmd: Command): HelpShape {
  const helper = cmd.createHelp();
  helper.prepareContext({ helpWidth: 80 });
  const sections: HelpSection[] = [];
  helper.formatItem = (term, _width, description) => JSON.stringify([term, description]);
  helper.formatItemList = (heading, items) => {
    if (items.length > 0) sections.push({ heading, items: items.map((i) => JSON.parse(i) as [string, string]) });
    return [];
  };
  helper.formatHelp(cmd, helper);
  return { usage: helper.commandUsage(cmd), description: helper.commandDescription(cmd), termWidth: helper.padWidth(cmd, helper), sections };
}

/** The help text as commander's formatHelp lays out `shape` at `helpWidth` columns. */
export function renderHelp(shape: HelpShape, helpWidth: number): string {
  const helper = new Help();
  helper.prepareContext({ helpWidth });
  let output = [`${helper.styleTitle('Usage:')} ${helper.styleUsage(shape.usage)}`, ''];
  if (shape.description.length > 0) output = output.concat([helper.boxWrap(helper.styleCommandDescription(shape.description), helpWidth), '']);
  for (const s of shape.sections) {
    const items = s.items.map(([term, description]) => helper.formatItem(term, shape.termWidth, description, helper));
    output = output.concat(helper.formatItemList(s.heading, items, helper));
  }
  return output.join('\n');
}

/** The width commander wraps help to on a stream: the terminal's columns, else 80. */
export function helpWidthOf(stream: NodeJS.WriteStream): number {
  return (stream.isTTY ? stream.columns : undefined) ?? 80;
}
