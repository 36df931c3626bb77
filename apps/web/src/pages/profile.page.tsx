/** Profile page (being built for issue 3). */
export function ProfilePage() {
  return (
    <div className="page">
      <h1 className="page__title">Profile</h1>
    </div>
  );
}
