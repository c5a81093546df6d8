import { render } from 'preact';
import { LibraryApp } from '../../components/library/LibraryApp';
import '../../components/theme.css';
import '../../components/entity.css';
import '../../components/library/library.css';

render(<LibraryApp />, document.getElementById('app')!);
