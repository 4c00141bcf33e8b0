import { Body } from '@react-email/body';
import { Button } from '@react-email/button';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Heading } from '@react-email/heading';
import { Hr } from '@react-email/hr';
import { Html } from '@react-email/html';
import { Img } from '@react-email/img';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { ReactNode } from 'react';

import { accentColor, accentTextColor, logoImage, textColorOn } from './branding';
import { Branding } from './email-types';
import { paragraphs } from './placeholders';
import { BORDER, FONT, smallStyle, textStyle } from './styles';

export interface CallToAction {
  label: string;
  url: string;
}

interface EmailLayoutProps {
  branding: Branding;
  heading: string;
  /** The intro, placeholders filled; blank lines separate paragraphs. */
  intro: string;
  /** "Dana", or null for a plain "Hello,"; undefined for emails that don't greet. */
  recipientName?: string | null;
  action?: CallToAction;
  /** The facts: amounts, invoices, dates. */
  children?: ReactNode;
  /** Small print under the button. */
  note?: string;
}

/** Every email: the MSP's header, heading, greeting, intro, facts, one button, the footer. */
export function EmailLayout(props: EmailLayoutProps) {
  const { branding, heading, intro, recipientName, action, children, note } = props;
  const accent = accentColor(branding);
  const accentText = accentTextColor(accent);
  const logo = logoImage(branding);
  const introParagraphs = paragraphs(intro);
  return (
    <Html lang="en">
      <Head />
      <Preview>{introParagraphs[0]?.join(' ') ?? heading}</Preview>
      <Body style={{ backgroundColor: '#f3f4f6', fontFamily: FONT, margin: 0, padding: '24px 0' }}>
        <Container
          style={{
            backgroundColor: '#ffffff',
            border: `1px solid ${BORDER}`,
            borderRadius: '8px',
            borderTop: `4px solid ${accent}`,
            maxWidth: '600px',
            padding: '24px 32px',
          }}
        >
          <Section>
            {logo ? (
              <Img
                alt={branding.mspName}
                src={logo.dataUrl}
                style={{ border: 0, display: 'block', maxHeight: '48px', maxWidth: '240px' }}
              />
            ) : (
              <Text style={{ color: accentText, fontSize: '22px', fontWeight: 700, margin: 0 }}>
                {branding.mspName}
              </Text>
            )}
          </Section>
          <Heading as="h1" style={{ color: '#111827', fontSize: '22px', margin: '24px 0 8px' }}>
            {heading}
          </Heading>
          {recipientName !== undefined && (
            <Text style={textStyle}>{recipientName ? `Hi ${recipientName},` : 'Hello,'}</Text>
          )}
          {introParagraphs.map((lines, index) => (
            <Text key={index} style={textStyle}>
              {lines.map((line, lineIndex) => (
                <span key={lineIndex}>
                  {lineIndex > 0 && <br />}
                  {line}
                </span>
              ))}
            </Text>
          ))}
          {children}
          {action && (
            <Section style={{ margin: '24px 0 8px' }}>
              <Button
                href={action.url}
                style={{
                  backgroundColor: accent,
                  borderRadius: '6px',
                  color: textColorOn(accent),
                  fontSize: '15px',
                  fontWeight: 600,
                  padding: '12px 20px',
                  textDecoration: 'none',
                }}
              >
                {action.label}
              </Button>
              <Text style={{ ...smallStyle, margin: '12px 0 0' }} data-skip-in-text="true">
                Or open this link:{' '}
                <Link href={action.url} style={{ color: accentText, wordBreak: 'break-all' }}>
                  {action.url}
                </Link>
              </Text>
            </Section>
          )}
          {note && <Text style={smallStyle}>{note}</Text>}
          <Hr style={{ borderColor: BORDER, margin: '24px 0 12px' }} />
          <Text style={{ ...smallStyle, margin: 0 }}>Sent by {branding.mspName} via Settle</Text>
        </Container>
      </Body>
    </Html>
  );
}
