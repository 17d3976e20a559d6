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
        <Route path="*" component={Home} />
      </Route>
    </Router>
  );
}
