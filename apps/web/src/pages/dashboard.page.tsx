/** Team dashboard page (being built for issue 3). */
export function DashboardPage() {
  return (
    <div className="page">
      <h1 className="page__title">Team dashboard</h1>
    </div>
  );
}
