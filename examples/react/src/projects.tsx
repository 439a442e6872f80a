/** Placeholder content, so the shell looks like an app around the inbox. */
const PROJECTS = [
  { name: "Billing service", owner: "Ada", status: "On track" },
  { name: "Mobile app 3.0", owner: "Grace", status: "At risk" },
  { name: "Data warehouse", owner: "Linus", status: "On track" },
];

export function Projects() {
  return (
    <section className="card" aria-labelledby="projects-title" id="projects">
      <h2 id="projects-title">Projects</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {PROJECTS.map((project) => (
            <tr key={project.name}>
              <td>{project.name}</td>
              <td>{project.owner}</td>
              <td>{project.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
