/**
 * The routes. Field screens share FieldShell (session, sync badge); the office and first-run
 * setup are other engineers' screens, loaded lazily so none of their code (charts, XLSX, the
 * plan importer) reaches the phone's bundle.
 */
import { lazy, type ParentProps } from 'solid-js';
import { Router, Route } from '@solidjs/router';
import FieldShell from './FieldShell';
import Home from './routes/Home';
import Enroll from './routes/Enroll';
import ReportForm from './routes/ReportForm';
import Settings from './routes/Settings';
import VillageNtm from './routes/VillageNtm';
import { UpdateBanner } from './components/UpdateBanner';

const OfficeApp = lazy(() => import('./office/OfficeApp'));
const SetupScreen = lazy(() => import('./setup/SetupScreen'));
// The household register (issue 10): lazy so the report form loads no faster or slower for
// it; the service worker still precaches these chunks (vite.config.ts follows field lazy imports).
const Households = lazy(() => import('./routes/households/Households'));
const Walk = lazy(() => import('./routes/households/Walk'));
const HouseholdEdit = lazy(() => import('./routes/households/HouseholdEdit'));

function Root(props: ParentProps) {
  return (
    <>
      <UpdateBanner />
      {props.children}
    </>
  );
}

export function App() {
  return (
    <Router root={Root}>
      <Route path="/office/*" component={OfficeApp} />
      <Route path="/setup" component={SetupScreen} />
      <Route path="/" component={FieldShell}>
        <Route path="/" component={Home} />
        <Route path="/enroll" component={Enroll} />
        <Route path="/report/:periodId" component={ReportForm} />
        <Route path="/settings" component={Settings} />
        <Route path="/ntm" component={VillageNtm} />
        <Route path="/households" component={Households} />
        <Route path="/households/walk" component={Walk} />
        <Route path="/households/:id" component={HouseholdEdit} />
        <Route path="*" component={Home} />
      </Route>
    </Router>
  );
}
