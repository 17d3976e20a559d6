/** The commune's plans, and the way in to importing a new one. */
import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { listPlans, explain } from './api';
import { t, type MessageKey } from './messages';
import NextSteps from './units/NextSteps';

export default function PlansHome() {
  const [plans] = createResource(listPlans);
  return (
    <main class="office-main">
      <div class="office-heading">
        <h1>{t('plans.title')}</h1>
        <A class="btn btn-main" href="/office/import">{t('plans.new')}</A>
      </div>
      <Show when={!plans.error} fallback={<p class="alert" role="alert">{explain(plans.error)}</p>}>
        <Show when={plans()} fallback={<p>{t('plans.loading')}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<NextSteps />}>
              <table class="grid">
                <thead>
                  <tr><th>{t('plans.number')}</th><th>{t('plans.name')}</th><th>{t('plans.year')}</th><th>{t('plans.status')}</th></tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(p) => (
                      <tr>
                        <td>{p.number || '—'}</td>
                        <td><A href={`/office/plans/${encodeURIComponent(p.id)}`}>{p.title}</A></td>
                        <td>{p.year}</td>
                        <td>{t(`status.${p.status}` as MessageKey)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          )}
        </Show>
      </Show>
    </main>
  );
}
