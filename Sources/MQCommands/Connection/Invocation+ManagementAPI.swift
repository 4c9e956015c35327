import AMQP
import ManagementAPI

extension Invocation {
    /// The management API endpoint the options describe: `--api-url` (or `MQ_API_URL`), else
    /// the one the AMQP settings imply.
    func apiEndpoint(_ settings: ConnectionSettings) throws(Failure) -> APIEndpoint {
        guard let url = parsed[GlobalOptions.apiURL] else { return APIEndpoint(settings: settings) }
        do {
            return try APIEndpoint(url: url, settings: settings)
        } catch {
            throw Failure(error)
        }
    }

    /// A client of the management API, as the options say.
    func managementAPI() throws(Failure) -> ManagementClient {
        let settings = try GlobalOptions.connectionSettings(parsed)
        let endpoint = try apiEndpoint(settings)
        trace("management API at \(endpoint.displayURL) as user '\(endpoint.user)'")
        if endpoint.useTLS, !settings.tls.verifyPeer {
            note("warning: --insecure: the management API's certificate and host name are not checked")
        }
        return ManagementClient(
            endpoint: endpoint, connectTimeout: settings.connectionTimeout, timeout: parsed[GlobalOptions.apiTimeout],
            tls: settings.tls,
            userAgent: "\(Product.name)/\(Product.version)")
    }

    /// The vhost the AMQP settings name (`--vhost`, else the URI's): where admin commands act.
    func settingsVhost() throws(Failure) -> String {
        try GlobalOptions.connectionSettings(parsed).virtualHost
    }

    /// The vhost given with `--vhost` on the command line, or nil for every vhost: the scope of
    /// `mq list`.
    var listedVhost: String? {
        parsed.isSet(GlobalOptions.vhost) ? parsed[GlobalOptions.vhost] : nil
    }
}

/// Runs `body` with a management API client, turning its errors into failures.
func withManagementAPI<T>(_ invocation: Invocation, _ body: (ManagementClient) throws(APIError) -> T) throws(Failure)
    -> T
{
    let client = try invocation.managementAPI()
    return try askingAPI { () throws(APIError) in try body(client) }
}

/// Runs management API requests, turning their errors into failures.
func askingAPI<T>(_ body: () throws(APIError) -> T) throws(Failure) -> T {
    do {
        return try body()
    } catch {
        throw Failure(error)
    }
}
