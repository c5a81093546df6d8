import { render } from 'preact';
import '../../components/theme.css';
import '../../components/entity.css';

function LibraryPlaceholder() {
  return (
    <main style={{ padding: '24px', maxWidth: '720px' }}>
      <h1>Library</h1>
      <p>Your clippings and the knowledge base will live here.</p>
    </main>
  );
}

render(<LibraryPlaceholder />, document.getElementById('app')!);
