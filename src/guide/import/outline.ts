import { takeRefs } from './refs.js';

/** Parts of an Elastic investigation guide, by the headings Elastic uses. */
type Section = 'intro' | 'triage' | 'steps' | 'false-positives' | 'related' | 'response' | 'other';

export interface StepNode {
  /** Markdown text of the step; "" when the list item held only query references. */
  text: string;
  /** Entry indices referenced in or directly under the step. */
  refs: number[];
  children: StepNode[];
}

export interface RelatedRuleRef {
  name: string;
  ruleId?: string;
}

export interface NoteOutline {
  /** X of an "Investigating X" heading. */
  title?: string;
  summary: string;
  steps: StepNode[];
  falsePositives: string[];
  related: RelatedRuleRef[];
  response: string[];
}

type Block =
  | { type: 'item'; section: Section; indent: number; text: string }
  | { type: 'para' | 'other'; section: Section; text: string };

interface ItemNode {
  indent: number;
  text: string;
  children: ItemNode[];
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const ITEM = /^( *)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const FENCE = /^ *(`{3,}|~{3,})/;

/** Read a note (with query references already marked) into summary, steps tree, false positives, related rules and response. */
export function outlineNote(markedNote: string): NoteOutline {
  const { blocks, title } = blocksOf(markedNote);
  const inSteps = blocks.some((b) => b.type === 'item' && b.section === 'steps');
  // A note without a "Possible investigation steps" section: its other lists are the steps.
  const stepSections: Section[] = inSteps ? ['steps'] : ['intro', 'triage', 'steps', 'other'];
  return {
    ...(title !== undefined ? { title } : {}),
    summary: summaryOf(blocks),
    steps: toSteps(forest(blocks, stepSections)),
    falsePositives: flatten(forest(blocks, ['false-positives'])),
    related: flatten(forest(blocks, ['related'])).map(relatedRule),
    response: flatten(forest(blocks, ['response'])),
  };
}

function sectionOf(heading: string): Section | undefined {
  const h = heading.toLowerCase().replace(/[*_`:]/g, '').trim();
  if (/^triage and analysis$/.test(h)) return 'triage';
  if (/investigation steps$/.test(h)) return 'steps';
  if (/false positive/.test(h)) return 'false-positives';
  if (/^related rules?$/.test(h)) return 'related';
  if (/^response( and remediation)?$|^remediation$/.test(h)) return 'response';
  return undefined;
}

function blocksOf(md: string): { blocks: Block[]; title?: string } {
  const blocks: Block[] = [];
  let title: string | undefined;
  let section: Section = 'intro';
  let level = 0;
  let current: Block | undefined;
  let blank = false;
  let fence: string | undefined;

  for (const raw of md.split(/\r?\n/)) {
    const line = raw.replace(/\t/g, '    ');
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (current) current.text += `\n${line.trim()}`;
      if (fenceMatch && fenceMatch[1]?.startsWith(fence)) {
        fence = undefined;
        if (current?.type === 'other') current = undefined;
      }
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]?.slice(0, 3);
      const inItem = current?.type === 'item' && indentOf(line) > current.indent;
      const host: Block = inItem && current ? current : { type: 'other', section, text: '' };
      if (host !== current) blocks.push(host);
      current = host;
      host.text += `\n${line.trim()}`;
      blank = false;
      continue;
    }
    if (line.trim() === '') {
      blank = true;
      if (current?.type !== 'item') current = undefined;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const depth = heading[1]?.length ?? 1;
      const text = headingText(line.slice(heading[0].length));
      const known = sectionOf(text);
      const investigating = /^investigating\s+(.+)$/i.exec(text.trim());
      if (known) {
        section = known;
        level = depth;
      } else if (investigating && (section === 'intro' || section === 'triage')) {
        title ??= investigating[1]?.trim();
        section = 'triage';
      } else if (section === 'intro' || depth <= level) {
        section = 'other';
        level = depth;
      }
      current = undefined;
      blank = false;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      current = { type: 'item', section, indent: item[1]?.length ?? 0, text: (item[2] ?? '').trim() };
      blocks.push(current);
    } else if (/^ *(>|\|)/.test(line)) {
      blocks.push({ type: 'other', section, text: line });
      current = undefined;
    } else if (current && (!blank || (current.type === 'item' && indentOf(line) > current.indent))) {
      current.text += ` ${line.trim()}`;
    } else {
      current = { type: 'para', section, text: line.trim() };
      blocks.push(current);
    }
    blank = false;
  }
  return title !== undefined ? { blocks, title } : { blocks };
}

/** A heading's text without its closing #s (trimmed by hand: a regex here could backtrack on hostile input). */
function headingText(rest: string): string {
  let end = rest.length;
  while (end > 0 && /[ \t#]/.test(rest[end - 1] as string)) end--;
  return rest.slice(0, end).trim();
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The paragraphs that open the note (or its triage section), up to the first list, quote or section heading. */
function summaryOf(blocks: Block[]): string {
  const paragraphs: string[] = [];
  for (const b of blocks) {
    if (b.section !== 'intro' && b.section !== 'triage') break;
    if (b.type !== 'para') {
      if (paragraphs.length > 0) break;
      continue;
    }
    const text = takeRefs(b.text).text;
    if (text !== '') paragraphs.push(text);
  }
  return paragraphs.join('\n\n');
}

/** List items of the given sections as trees, nesting by indentation; anything between two lists ends a list. */
function forest(blocks: Block[], sections: Section[]): ItemNode[] {
  const roots: ItemNode[] = [];
  let stack: ItemNode[] = [];
  let lastSection: Section | undefined;
  for (const b of blocks) {
    if (b.type !== 'item' || !sections.includes(b.section) || b.section !== lastSection) stack = [];
    lastSection = b.section;
    if (b.type !== 'item' || !sections.includes(b.section)) continue;
    const node: ItemNode = { indent: b.indent, text: b.text, children: [] };
    while (stack.length > 0 && (stack.at(-1) as ItemNode).indent >= node.indent) stack.pop();
    (stack.at(-1)?.children ?? roots).push(node);
    stack.push(node);
  }
  return roots;
}

/**
 * Items become steps. An item that holds only query references gives them to the step above it (a top-level one
 * becomes a step of its own, named later after its queries).
 */
function toSteps(nodes: ItemNode[], parent?: StepNode): StepNode[] {
  const steps: StepNode[] = [];
  for (const node of nodes) {
    const { text, refs } = takeRefs(node.text);
    if (isBare(text) && parent) {
      parent.refs.push(...refs);
      steps.push(...toSteps(node.children, parent));
      continue;
    }
    const step: StepNode = { text: isBare(text) ? '' : text, refs, children: [] };
    step.children = toSteps(node.children, step);
    steps.push(step);
  }
  return steps;
}

function isBare(text: string): boolean {
  return /^[\s\p{P}]*$/u.test(text);
}

function flatten(nodes: ItemNode[]): string[] {
  return nodes.flatMap((n) => {
    const { text } = takeRefs(n.text);
    return [...(isBare(text) ? [] : [text]), ...flatten(n.children)];
  });
}

/** "Rule Name - <uuid>" (Elastic's form); anything else is a name alone. */
function relatedRule(text: string): RelatedRuleRef {
  const tail = /`?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`?$/i.exec(text.trimEnd());
  if (!tail) return { name: text };
  let end = tail.index;
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  if (end === 0 || !'-–—:'.includes(text[end - 1] as string)) return { name: text };
  const name = text.slice(0, end - 1).trim();
  return name === '' ? { name: text } : { name, ruleId: (tail[1] ?? '').toLowerCase() };
}
