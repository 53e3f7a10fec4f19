import { describe, expect, it } from 'vitest';
import { renderAccessActivatedEmail } from '../../src/mail/templates/access-activated.js';
import { formatParisDateTime } from '../../src/mail/templates/format-date.js';
import { NO_SIGNPOSTS } from '../../src/signposts.js';
import { renderInvitationEmail } from '../../src/mail/templates/invitation.js';
import { buildActivationUrl, buildResetUrl } from '../../src/mail/templates/links.js';
import { renderPasswordChangedEmail } from '../../src/mail/templates/password-changed.js';
import { renderPasswordResetEmail } from '../../src/mail/templates/password-reset.js';
import { renderTestEmail } from '../../src/mail/templates/test-email.js';

const HOSTILE = '<script>alert("x")</script>';

describe('formatParisDateTime', () => {
  it('writes a French date in Paris time, summer and winter, the first of the month as « 1er »', () => {
    expect(formatParisDateTime(new Date('2026-12-01T13:05:00Z'))).toBe('mardi 1er décembre 2026 à 14:05');
    expect(formatParisDateTime(new Date('2026-11-30T23:30:00Z'))).toBe('mardi 1er décembre 2026 à 00:30');
    expect(formatParisDateTime(new Date('2026-12-11T08:00:00Z'))).toBe('vendredi 11 décembre 2026 à 09:00');
    expect(formatParisDateTime(new Date('2026-07-14T22:30:00Z'))).toBe('mercredi 15 juillet 2026 à 00:30');
  });
});

describe('links', () => {
  it('builds the activation and reset links from the public URL, encoding the secret', () => {
    expect(buildActivationUrl('https://acces.zdl.org', 'K7PM-2XQR')).toBe(
      'https://acces.zdl.org/activate?code=K7PM-2XQR',
    );
    expect(buildActivationUrl('https://zdl.org/acces/', 'a b&c=d')).toBe(
      'https://zdl.org/acces/activate?code=a%20b%26c%3Dd',
    );
    expect(buildResetUrl('http://localhost:3000', 'tok+/=')).toBe(
      'http://localhost:3000/reset-password?token=tok%2B%2F%3D',
    );
  });
});

describe('invitation e-mail', () => {
  const url = buildActivationUrl('https://acces.zdl.org', 'K7PM&2XQR');
  const email = renderInvitationEmail({
    prenom: HOSTILE,
    nom: 'Dupont & Fils',
    code: 'K7PM&2XQR',
    activationUrl: url,
    expiresAt: new Date('2026-12-04T13:05:00Z'),
  });

  it('escapes names in HTML and keeps them verbatim in text', () => {
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Dupont &amp; Fils,');
    expect(email.text).toContain(`Bonjour ${HOSTILE} Dupont & Fils,`);
  });

  it('shows the link, the code and the expiry in Paris time', () => {
    expect(url).toBe('https://acces.zdl.org/activate?code=K7PM%262XQR');
    expect(email.html).toContain(`href="${url}"`);
    expect(email.html).toMatch(/font-family:[^"]*monospace[^"]*"[^>]*>K7PM&amp;2XQR<\/span>/);
    expect(email.text).toContain(url);
    expect(email.text).toContain('K7PM&2XQR');
    expect(email.text).toContain('vendredi 4 décembre 2026 à 14:05 (heure de Paris)');
    expect(email.html).toContain('vendredi 4 décembre 2026 à 14:05 (heure de Paris)');
    expect(email.subject).toContain('ZDL');
  });

  it('is a phone-friendly page without images or remote resources', () => {
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).toContain('<html lang="fr">');
    expect(email.html).toContain('max-width:560px');
    expect(email.html).toContain('name="viewport"');
    expect(email.html).not.toMatch(/<img|<link|<script|url\(|src=/i);
  });
});

describe('password reset e-mail', () => {
  const resetUrl = buildResetUrl('https://acces.zdl.org', 'tok_abc');
  const email = renderPasswordResetEmail({ prenom: 'Léa', resetUrl, otp: '049137' });

  it('has the link, the 6-digit code, the 20-minute validity and what to do if unasked', () => {
    for (const body of [email.text, email.html]) {
      expect(body).toContain('https://acces.zdl.org/reset-password?token=tok_abc');
      expect(body).toContain('049137');
      expect(body).toContain('valables');
      expect(body).toContain('20 minutes');
      expect(body).toContain('ignorez ce message : votre mot de passe reste inchangé');
    }
    expect(email.text.startsWith('Bonjour Léa,')).toBe(true);
  });

  it('escapes the prénom', () => {
    const hostile = renderPasswordResetEmail({ prenom: HOSTILE, resetUrl, otp: '000000' });
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).toContain('&lt;script&gt;');
  });
});

describe('other e-mails', () => {
  it('access activated: names the sign-in method', () => {
    expect(renderAccessActivatedEmail({ prenom: 'Léa', method: 'google', site: NO_SIGNPOSTS }).text).toContain(
      'compte Google',
    );
    const byPassword = renderAccessActivatedEmail({ prenom: HOSTILE, method: 'password', site: NO_SIGNPOSTS });
    expect(byPassword.text).toContain('mot de passe que vous venez de choisir');
    expect(byPassword.html).not.toContain('<script>');
  });

  it('password changed: gives the Paris time and says to contact an admin if it was not them', () => {
    const email = renderPasswordChangedEmail({
      prenom: 'Léa',
      changedAt: new Date('2026-03-29T01:30:00Z'),
      site: NO_SIGNPOSTS,
    });
    // 29 March 2026 is the switch to summer time in Paris: 01:30 UTC is 03:30 CEST.
    expect(email.text).toContain('dimanche 29 mars 2026 à 03:30');
    expect(email.text).toContain('contactez immédiatement un administrateur');
    expect(email.html).toContain('contactez immédiatement un administrateur');
    expect(
      renderPasswordChangedEmail({ prenom: HOSTILE, changedAt: new Date(), site: NO_SIGNPOSTS }).html,
    ).not.toContain('<script>');
  });

  it('with ZDL_APP_URL and ZDL_CONTACT: a « Se connecter à … » link and the contact by name', () => {
    const site = {
      appUrl: 'https://app.zdl.org/',
      appName: 'l’Espace ZDL',
      contact: 'le secrétariat, 01 23 45 67 89',
    };
    for (const email of [
      renderAccessActivatedEmail({ prenom: 'Léa', method: 'password', site }),
      renderPasswordChangedEmail({ prenom: 'Léa', changedAt: new Date(), site }),
    ]) {
      expect(email.text).toContain('Se connecter à l’Espace ZDL : https://app.zdl.org/');
      expect(email.html).toContain('href="https://app.zdl.org/"');
      expect(email.text).toContain('le secrétariat, 01 23 45 67 89');
      expect(email.text).not.toContain('un administrateur');
    }
  });

  it('test e-mail: subject, text and html', () => {
    const email = renderTestEmail();
    expect(email.subject).toBe('E-mail de test ZDL');
    expect(email.text).toContain('ZDL peut envoyer des e-mails');
    expect(email.html).toContain('ZDL peut envoyer des e-mails');
  });
});
