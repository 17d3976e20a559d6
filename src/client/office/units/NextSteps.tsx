/**
 * What a new commune does next, shown on the empty plan list (where "Tạo xã" lands): add the
 * units, add their heads and print the cards, import a plan. Each step links to its screen and
 * shows when it is done, so no screen is a dead end.
 */
import { createResource, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { REPORTING_KINDS } from '../../../shared/schemas/units';
import { FIELD_ROLES } from '../../../shared/schemas/users';
import { listOfficeUnits, listUsers } from '../api-setup';
import { t } from '../messages';
import { tp } from '../setup-kit';

export default function NextSteps() {
  const [counts] = createResource(async () => {
    const [units, users] = await Promise.all([listOfficeUnits(), listUsers()]);
    return {
      units: units.filter((u) => REPORTING_KINDS.includes(u.kind) && !u.successorId && !u.closedAt).length,
      heads: users.filter((u) => FIELD_ROLES.includes(u.role) && u.active).length,
    };
  });
  const step = (done: boolean | undefined, text: string) => (
    <span class={done ? 'step-state step-done' : 'step-state'}>{done ? text : t('next.todo')}</span>
  );
  return (
    <section class="card next-steps" aria-labelledby="next-title">
      <h2 id="next-title">{t('next.title')}</h2>
      <p>{t('next.intro')}</p>
      <ol>
        <li>
          <A href="/office/units">{t('next.units')}</A>
          <Show when={counts()}>{(c) => step(c().units > 0, tp('next.unitsDone', { n: c().units }))}</Show>
        </li>
        <li>
          <A href="/office/people">{t('next.people')}</A>
          <Show when={counts()}>{(c) => step(c().heads > 0, tp('next.peopleDone', { n: c().heads }))}</Show>
        </li>
        <li>
          <A href="/office/import">{t('next.plan')}</A>
        </li>
      </ol>
    </section>
  );
}
