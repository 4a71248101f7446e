import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { localize } from '../../guide/localize.js';
import type { Session } from '../../triage/model.js';
import { useUi } from '../context.js';
import { formatTime } from '../i18n.js';
import { alertUser } from '../alert-facts.js';
import { sanitize } from '../sanitize.js';
import { cellWidth, fit, truncate } from '../text-width.js';
import { severityName } from '../theme.js';
import { triageTheme } from './theme.js';

export interface HeaderProps {
  session: Session;
  dir: string;
  width: number;
}

/** Rule, severity and risk, host, user, time, MITRE ids, the engine that answers, the session directory. */
export const Header = memo(function Header({ session, dir, width }: HeaderProps): ReactNode {
  const { lang, strings, theme } = useUi();
  const styles = triageTheme(theme);
  const h = strings.header;
  const guide = session.guide.snapshot;
  const alert = session.alert;
  const sev = severityName(alert.rule.severity ?? guide.severity);
  const badge = `[${strings.severity[sev]}]`;
  const risk = alert.rule.riskScore ?? guide.risk_score;
  const name = sanitize(localize(guide.name, lang));
  const verdict = session.verdict ? `${h.verdict}: ${strings.verdict[session.verdict.value]}` : '';
  const riskText = `  ${h.risk} ${risk}`;
  const nameWidth = Math.max(8, width - cellWidth(badge) - 1 - cellWidth(riskText) - (verdict ? cellWidth(verdict) + 2 : 0));
  const mitre = [...guide.mitre.tactics, ...guide.mitre.techniques].join(' ');
  const facts = [
    `${h.host} ${sanitize(alert.host ?? h.none)}`,
    `${h.user} ${sanitize(alertUser(alert) ?? h.none)}`,
    `${h.time} ${formatTime(alert.timestamp) || h.none}`,
    mitre ? `${h.mitre} ${sanitize(mitre)}` : '',
  ].filter((s) => s !== '');
  const engine = `${h.engine} ${sanitize(`${session.engine.name} ${session.engine.version}`)}`;
  const where = `${h.session} ${sanitize(dir)}`;
  return (
    <Box flexDirection="column" width={width} height={3}>
      <Text wrap="truncate-end">
        <Text {...styles.badge[sev]}>{badge}</Text>
        <Text {...styles.title}>{` ${fit(name, nameWidth)}`}</Text>
        <Text {...styles.label}>{riskText}</Text>
        {verdict ? <Text {...styles.warning}>{`  ${verdict}`}</Text> : null}
      </Text>
      <Text {...styles.label}>{truncate(facts.join(' · '), width)}</Text>
      <Text {...styles.label}>{truncate(`${engine} · ${where}`, width)}</Text>
    </Box>
  );
});
