import { useShallow } from 'zustand/react/shallow'
import { Field } from '../../components/field'
import { useStatusStore } from '../../store/status-store'

/** The port is fixed for a run: it is shown here, and set where the process starts. */
export function ListeningPort() {
  const { port, host } = useStatusStore(
    useShallow((s) => ({ port: s.status?.receiver.port ?? null, host: s.status?.receiver.host ?? null })),
  )
  return (
    <section className="panel" aria-labelledby="address-title">
      <h2 id="address-title" className="panel__title">
        Receiver address
      </h2>
      <Field
        id="listening-port"
        label="Listening port"
        hint={
          <>
            Webhooks, the API and this UI share it{host ? ` on ${host}` : ''}. Set it when starting:{' '}
            <code>hookbench serve --port N</code>, or the <code>HOOKBENCH_PORT</code> environment variable for
            the desktop app. A change takes effect on the next start.
          </>
        }
      >
        <input
          id="listening-port"
          className="input input--number"
          readOnly
          value={port === null ? '' : String(port)}
          placeholder="…"
          aria-describedby="listening-port-hint"
        />
      </Field>
    </section>
  )
}
