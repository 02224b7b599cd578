import type { CaseSummary } from '@care/schema';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api.ts';

export function CaseListPage() {
  const [cases, setCases] = useState<CaseSummary[]>();
  const [title, setTitle] = useState('');
  const [area, setArea] = useState('');
  const [error, setError] = useState<string>();
  const navigate = useNavigate();

  useEffect(() => {
    api.listCases().then(setCases, (e: Error) => setError(e.message));
  }, []);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api.createCase({ title, ...(area.trim() ? { area } : {}) });
      navigate(`/cases/${created.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <main className="page">
      <h1>ケア会議ワークスペース</h1>
      <nav>
        <Link to="/records">記録のタイムライン</Link>
      </nav>
      <section className="card">
        <h2>新しいケース</h2>
        <form onSubmit={create} className="row">
          <input
            aria-label="ケース名"
            placeholder="例：A地区 80代女性 独居（氏名は書かない）"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <input aria-label="地区" placeholder="地区（例：北地区）" value={area} onChange={(e) => setArea(e.target.value)} />
          <button type="submit">作成</button>
        </form>
        {error && <p role="alert" className="error">{error}</p>}
      </section>
      <section className="card">
        <h2>ケース一覧</h2>
        {!cases && !error && <p>読み込み中…</p>}
        {cases?.length === 0 && <p>まだケースがありません。</p>}
        <ul className="case-list">
          {cases?.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`}>{c.title}</Link>
              <time dateTime={c.createdAt}>{new Date(c.createdAt).toLocaleDateString('ja-JP')}</time>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
