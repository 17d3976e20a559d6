/**
 * The office workspace, every route under /office/*: login, the commune's plans, and the plan
 * import. A small switch on the path (the app's Router is above us), so the shell stays the
 * field app's and this whole folder loads lazily on office computers only.
 */
import { Match, Show, Switch, createEffect } from 'solid-js';
import { useLocation, useNavigate, A } from '@solidjs/router';
import { session } from './session';
import { logout } from './api';
import { t } from './messages';
import Login from './Login';
import Invite from './Invite';
import PlansHome from './PlansHome';
import ImportScreen from './import/ImportScreen';
import ReviewScreen from './review/ReviewScreen';
import PlanScreen from './plan/PlanScreen';
import EnterScreen from './plan/EnterScreen';
import ProgressScreen from './progress/ProgressScreen';
import WaitingBadge from './review/WaitingBadge';
import UnitsScreen from './units/UnitsScreen';
import PeopleScreen from './people/PeopleScreen';
import AuditScreen from './audit/AuditScreen';
import NtmScreen from './ntm/NtmScreen';
import LanguageSwitch from './units/LanguageSwitch';
import RegistersHome from './registers/RegistersHome';
import RegisterScreen from './registers/RegisterScreen';
import ImportHouseholds from './registers/ImportHouseholds';
import ChecklistsScreen from './registers/ChecklistsScreen';
import './registers/registers.css';
import './office.css';

export default function OfficeApp() {
  const location = useLocation();
  const navigate = useNavigate();
  const path = () => location.pathname.replace(/\/+$/, '');

  createEffect(() => {
    if (session() && path() === '/office/login') navigate('/office', { replace: true });
  });

  return (
    <div class="office">
      <header class="office-bar">
        <span class="office-brand">{t('app.title')}</span>
        <Show when={session()}>
          {(s) => (
            <nav class="office-nav" aria-label={t('nav.main')}>
              <A href="/office" end>{t('app.plans')}</A>
              <A href="/office/import">{t('app.import')}</A>
              <A href="/office/review">{t('app.review')}<WaitingBadge /></A>
              <A href="/office/enter">{t('behalf.nav')}</A>
              <A href="/office/units">{t('nav.units')}</A>
              <A href="/office/registers">{t('reg.nav')}</A>
              <A href="/office/people">{t('nav.people')}</A>
              <A href="/office/audit">{t('nav.audit')}</A>
              <A href="/office/progress">{t('app.progress')}</A>
              <A href="/office/ntm">{t('nav.ntm')}</A>
              <span class="office-user">{s().user.name}</span>
              <button type="button" class="btn btn-quiet" onClick={() => void logout()}>{t('app.logout')}</button>
            </nav>
          )}
        </Show>
        <LanguageSwitch />
      </header>
      <Switch>
        <Match when={path() === '/office/invite'}>
          <Invite />
        </Match>
        <Match when={!session()}>
          <Login />
        </Match>
        <Match when={path() === '/office/import'}>
          <ImportScreen />
        </Match>
        <Match when={path() === '/office/review'}>
          <ReviewScreen />
        </Match>
        <Match when={path() === '/office/units'}>
          <UnitsScreen />
        </Match>
        <Match when={path() === '/office/registers'}>
          <RegistersHome />
        </Match>
        <Match when={path() === '/office/checklists'}>
          <ChecklistsScreen />
        </Match>
        <Match when={/^\/office\/registers\/([^/]+)\/import$/.exec(path())?.[1]}>
          {(id) => <Show when={id()} keyed>{(unitId) => <ImportHouseholds unitId={decodeURIComponent(unitId)} />}</Show>}
        </Match>
        <Match when={/^\/office\/registers\/([^/]+)$/.exec(path())?.[1]}>
          {(id) => <Show when={id()} keyed>{(unitId) => <RegisterScreen unitId={decodeURIComponent(unitId)} />}</Show>}
        </Match>
        <Match when={path() === '/office/people'}>
          <PeopleScreen />
        </Match>
        <Match when={path() === '/office/audit'}>
          <AuditScreen />
        </Match>
        <Match when={path() === '/office/ntm'}>
          <NtmScreen />
        </Match>
        <Match when={path() === '/office/enter'}>
          <EnterScreen />
        </Match>
        <Match when={/^\/office\/plans\/([^/]+)$/.exec(path())?.[1]}>
          {(id) => <Show when={id()} keyed>{(planId) => <PlanScreen planId={decodeURIComponent(planId)} />}</Show>}
        </Match>
        <Match when={path().startsWith('/office/progress')}>
          <ProgressScreen />
        </Match>
        <Match when={true}>
          <PlansHome />
        </Match>
      </Switch>
    </div>
  );
}
