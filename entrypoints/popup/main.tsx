import { render } from 'preact';
import { PopupApp, startLoading } from '../../components/popup/PopupApp';
import '../../components/theme.css';
import '../../components/entity.css';
import './popup.css';

void startLoading().catch(() => undefined);
render(<PopupApp />, document.getElementById('app')!);
