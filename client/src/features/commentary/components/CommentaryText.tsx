import { commentaryBlocks } from '@kpi/shared';
import '../commentary.css';

/**
 * Commentary as typed: paragraphs and lists, every character a React text node. Nothing is ever
 * parsed as markup, so "<script>" or "=SUM(A1)" appear exactly as written.
 */
export function CommentaryText({ text }: { text: string }) {
  return (
    <div className="commentary-text">
      {commentaryBlocks(text).map((block, index) => {
        const key = `${index}-${block.kind}`;
        if (block.kind === 'paragraph') {
          return (
            <p key={key}>
              {block.lines.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
                <span key={i}>
                  {i > 0 && <br />}
                  {line}
                </span>
              ))}
            </p>
          );
        }
        const items = block.items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity but their place
          <li key={i}>{item}</li>
        ));
        return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
      })}
    </div>
  );
}
