//! The preview's HTTP/1.1 connections, on a fixed number of threads
//! whatever the clients do.
//!
//! One thread waits on every connection at once (mio) until its request
//! head has arrived, so an idle connection (a browser's preconnect, or a
//! client that never sends a byte) costs a buffer, not a thread; connections
//! past [`MAX_PENDING`] close the idlest first, and a head that takes longer
//! than [`HEAD_TIMEOUT`] is dropped. Complete requests go to [`WORKERS`]
//! threads through a bounded queue; when it is full the request gets `503`
//! at once. Every response closes its connection (a kept-alive connection
//! would hold a worker while idle), and a response that makes no progress
//! for [`WRITE_TIMEOUT`] is abandoned. A request may instead turn its
//! connection into a stream ([`Answer::Stream`]), which is then no longer
//! this module's to count (see `events.rs`).

use std::collections::HashMap;
use std::io::{self, Read};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mio::{Events, Interest, Poll, Token};

use super::message::{head_end, parse_head, write_response, Request, Response};

/// Threads that answer requests.
pub const WORKERS: usize = 8;
/// Requests waiting for a worker.
pub const QUEUE: usize = 64;
/// Connections whose request head has not yet arrived.
pub const MAX_PENDING: usize = 256;
/// How long a client may take to send its request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a write may wait for a client that does not read.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head read (browsers send under 2 KiB).
pub const MAX_HEAD: usize = 16 * 1024;

const LISTENER: Token = Token(0);
const TICK: Duration = Duration::from_millis(500);

/// What a request gets.
pub enum Answer {
    Response(Response),
    /// The connection, handed over whole (the live-reload event stream).
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

pub type Handler = dyn Fn(&Request) -> Answer + Send + Sync;

/// Serves `listener` with `handler` until the listener fails.
pub fn run(listener: TcpListener, handler: Arc<Handler>) -> io::Result<()> {
    let (queue, requests) = sync_channel::<(TcpStream, Request)>(QUEUE);
    let requests = Arc::new(Mutex::new(requests));
    for _ in 0..WORKERS {
        let requests = Arc::clone(&requests);
        let handler = Arc::clone(&handler);
        std::thread::spawn(move || work(&requests, &*handler));
    }
    Reactor::new(listener, queue)?.run()
}

fn work(requests: &Mutex<Receiver<(TcpStream, Request)>>, handler: &Handler) {
    loop {
        let next = requests.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((stream, request)) = next else {
            return;
        };
        answer(stream, &request, handler);
    }
}

fn answer(mut stream: TcpStream, request: &Request, handler: &Handler) {
    if stream.set_nonblocking(false).is_err()
        || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
    {
        return;
    }
    match handler(request) {
        Answer::Stream(take) => take(stream),
        Answer::Response(response) => {
            let head_only = request.method == "HEAD";
            if write_response(&mut stream, &response, head_only).is_ok() && request.has_body {
                drain(&mut stream);
            }
        }
    }
}

/// Reads what is left of a request body before the connection closes:
/// closing with unread data resets the connection, and the client could
/// lose the response.
fn drain(stream: &mut TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut buf = [0; 4096];
    let mut left: usize = 64 * 1024;
    while left > 0 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// A connection whose request head is still coming.
struct Pending {
    stream: mio::net::TcpStream,
    head: Vec<u8>,
    since: Instant,
}

struct Reactor {
    poll: Poll,
    listener: mio::net::TcpListener,
    pending: HashMap<Token, Pending>,
    next: usize,
    queue: SyncSender<(TcpStream, Request)>,
    /// Set when accepting failed (too many open files): the listener
    /// reports readiness once per new connection, so it is tried again
    /// on every tick until it works.
    accept_failed: bool,
}

impl Reactor {
    fn new(listener: TcpListener, queue: SyncSender<(TcpStream, Request)>) -> io::Result<Reactor> {
        listener.set_nonblocking(true)?;
        let mut listener = mio::net::TcpListener::from_std(listener);
        let poll = Poll::new()?;
        poll.registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        Ok(Reactor {
            poll,
            listener,
            pending: HashMap::new(),
            next: 0,
            queue,
            accept_failed: false,
        })
    }

    fn run(mut self) -> io::Result<()> {
        let mut events = Events::with_capacity(256);
        loop {
            match self.poll.poll(&mut events, Some(TICK)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            for event in &events {
                match event.token() {
                    LISTENER => self.accept(),
                    token => self.read(token),
                }
            }
            if self.accept_failed {
                self.accept();
            }
            self.expire();
        }
    }

    fn accept(&mut self) {
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    self.accept_failed = false;
                    self.add(stream);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::ConnectionAborted => {}
                Err(e) => {
                    if !self.accept_failed {
                        eprintln!("serve: cannot accept a connection: {e}; trying again");
                    }
                    self.accept_failed = true;
                    return;
                }
            }
        }
    }

    fn add(&mut self, mut stream: mio::net::TcpStream) {
        if self.pending.len() >= MAX_PENDING {
            // The idlest connection goes: a new one is more likely a
            // browser about to ask for a page than one silent for seconds.
            if let Some(oldest) = self
                .pending
                .iter()
                .min_by_key(|(_, p)| p.since)
                .map(|(t, _)| *t)
            {
                self.remove(oldest);
            }
        }
        // Token 0 is the listener's.
        self.next = self.next.checked_add(1).unwrap_or(1);
        let token = Token(self.next);
        if self
            .poll
            .registry()
            .register(&mut stream, token, Interest::READABLE)
            .is_ok()
        {
            let _ = stream.set_nodelay(true);
            self.pending.insert(
                token,
                Pending {
                    stream,
                    head: Vec::new(),
                    since: Instant::now(),
                },
            );
            // Data that came with the connection is announced by the
            // registration itself (readiness is edge-triggered from there).
        }
    }

    fn remove(&mut self, token: Token) -> Option<Pending> {
        let mut p = self.pending.remove(&token)?;
        let _ = self.poll.registry().deregister(&mut p.stream);
        Some(p)
    }

    /// Reads what has arrived on a connection; a complete head is parsed
    /// and handed on.
    fn read(&mut self, token: Token) {
        let Some(p) = self.pending.get_mut(&token) else {
            return;
        };
        let end = match fill(p) {
            Progress::Waiting => return,
            Progress::Closed => {
                self.remove(token);
                return;
            }
            Progress::Head(end) => end,
        };
        let Some(p) = self.remove(token) else {
            return;
        };
        let stream = into_std(p.stream);
        let parsed = match end {
            Some(end) => parse_head(&p.head[..end]),
            None => Err(431),
        };
        match parsed {
            Ok(request) => match self.queue.try_send((stream, request)) {
                Ok(()) => {}
                Err(TrySendError::Full((stream, _)) | TrySendError::Disconnected((stream, _))) => {
                    refuse(
                        stream,
                        503,
                        "docket serve: too many requests at once; try again.\n",
                    );
                }
            },
            Err(status) => refuse(stream, status, malformed(status)),
        }
    }

    /// Drops the connections whose head has taken too long.
    fn expire(&mut self) {
        let late: Vec<Token> = self
            .pending
            .iter()
            .filter(|(_, p)| p.since.elapsed() > HEAD_TIMEOUT)
            .map(|(t, _)| *t)
            .collect();
        for token in late {
            // A connection that sent nothing (a browser's preconnect, say)
            // is closed without a word, as a client expects of an idle one.
            if let Some(p) = self.remove(token).filter(|p| !p.head.is_empty()) {
                refuse(
                    into_std(p.stream),
                    408,
                    "docket serve: the request took too long.\n",
                );
            }
        }
    }
}

enum Progress {
    /// More of the head is to come.
    Waiting,
    /// The client closed the connection, or it failed.
    Closed,
    /// The head is complete and ends there, or is too long (`None`).
    Head(Option<usize>),
}

/// Reads all that has arrived (readiness is edge-triggered: what is not
/// read now is not announced again).
fn fill(p: &mut Pending) -> Progress {
    let mut buf = [0; 4096];
    loop {
        match p.stream.read(&mut buf) {
            Ok(0) => return Progress::Closed,
            Ok(n) => {
                p.head.extend_from_slice(&buf[..n]);
                if let Some(end) = head_end(&p.head) {
                    return Progress::Head(Some(end));
                }
                if p.head.len() > MAX_HEAD {
                    return Progress::Head(None);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Progress::Waiting,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Progress::Closed,
        }
    }
}

fn malformed(status: u16) -> &'static str {
    match status {
        431 => "docket serve: the request head is too large.\n",
        505 => "docket serve: only HTTP/1.0 and HTTP/1.1 are spoken here.\n",
        _ => "docket serve: this is not an HTTP request docket can read.\n",
    }
}

/// A short answer written without waiting: the connection is new and its
/// send buffer empty, so it goes whole, or the client loses it.
fn refuse(mut stream: TcpStream, status: u16, text: &str) {
    let _ = stream.set_nonblocking(true);
    let response = Response::text(status, text);
    let _ = write_response(&mut stream, &response, false);
}

#[cfg(unix)]
fn into_std(stream: mio::net::TcpStream) -> TcpStream {
    TcpStream::from(std::os::fd::OwnedFd::from(stream))
}

#[cfg(windows)]
fn into_std(stream: mio::net::TcpStream) -> TcpStream {
    TcpStream::from(std::os::windows::io::OwnedSocket::from(stream))
}
