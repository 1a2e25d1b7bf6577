import { useT, type MessageKey } from '../../i18n';

/** The five steps of 初始设置: the unit, the three administrators (三员), the recovery code. */
export const SETUP_STEPS: readonly MessageKey[] = [
  'setup.stepShort.unit',
  'setup.stepShort.sysadmin',
  'setup.stepShort.secadmin',
  'setup.stepShort.auditor',
  'setup.stepShort.recovery',
];

export function SetupSteps({ current }: { current: number }) {
  const t = useT();
  return (
    <>
      <ol className="steps">
        {SETUP_STEPS.map((key, i) => (
          <li key={key} aria-current={i + 1 === current ? 'step' : undefined}>
            {t(key)}
          </li>
        ))}
      </ol>
      <p className="step-progress">{t('setup.progress', { current, total: SETUP_STEPS.length })}</p>
    </>
  );
}
